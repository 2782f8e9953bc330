# Example 1
Get-AddressList
# Example 2
Get-AddressList -Identity "All Users\Sales\building4" | Format-List
