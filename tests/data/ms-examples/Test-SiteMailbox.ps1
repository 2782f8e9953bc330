# Example 1
Test-SiteMailbox -BypassOwnerCheck -SharePointUrl "https://myserver/teams/edu"
# Example 2
Test-SiteMailbox -BypassOwnerCheck -Identity mysitemailbox@contoso.com -UseAppTokenOnly
# Example 3
Test-SiteMailbox -BypassOwnerCheck -RequestorIdentity "kweku@contoso.com" -SharePointUrl "https://myserver/teams/edu"
