# Example 1
Update-AddressList -Identity "All Users\Sales\building4"
