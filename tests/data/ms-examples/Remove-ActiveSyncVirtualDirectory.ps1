# Example 1
Remove-ActiveSyncVirtualDirectory contoso\Microsoft-Server-ActiveSync
# Example 2
Remove-ActiveSyncVirtualDirectory contoso\Microsoft-Server-ActiveSync -Confirm $true
# Example 3
Remove-ActiveSyncVirtualDirectory contoso\EAS
