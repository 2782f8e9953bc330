# Example 1
Set-CASMailbox adam@contoso.com -OWAEnabled $false -PopEnabled $false
# Example 2
Set-CASMailbox adam@contoso.com -ActiveSyncDebugLogging $true -ActiveSyncMailboxPolicy Management
# Example 3
Set-CASMailbox tony@contoso.com -DisplayName "Tony Smith" -MAPIBlockOutlookRpcHttp $true
