# Example 1
Get-MobileDeviceMailboxPolicy -Identity "SalesPolicy"
# Example 2
Get-MobileDeviceMailboxPolicy -Identity "Default"
