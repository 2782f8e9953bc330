# Example 1
Get-SiteMailboxDiagnostics -BypassOwnerCheck -Identity "Marketing Events 2015"
# Example 2
Get-SiteMailboxDiagnostics -BypassOwnerCheck -Identity events2015@contoso.com -SendMeEmail
