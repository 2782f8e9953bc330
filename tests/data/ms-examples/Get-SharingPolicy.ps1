# Example 1
Get-SharingPolicy -Identity FourthCoffee
# Example 2
Get-SharingPolicy Fabrikam | Format-List
