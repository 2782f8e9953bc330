# Example 1
Remove-ActiveSyncMailboxPolicy -Identity "SalesPolicy"
# Example 2
Remove-ActiveSyncMailboxPolicy -Identity "Management" -Confirm:$false -Force $true
