# Example 1
Remove-MobileDeviceMailboxPolicy -Identity SalesPolicy
# Example 2
Remove-MobileDeviceMailboxPolicy -Identity Engineering -Confirm:$false
# Example 3
Remove-MobileDeviceMailboxPolicy -Identity Management -Force
