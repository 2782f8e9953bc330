# Example 1
Get-ActiveSyncMailboxPolicy -Identity "SalesPolicy"
# Example 2
Get-ActiveSyncMailboxPolicy -Identity "Default"
# Example 3
Get-ActiveSyncMailboxPolicy -Identity "Management"
