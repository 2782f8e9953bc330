# Example 1
Get-MailboxIRMAccess -Identity lynette@contoso.onmicrosoft.com
# Example 2
Get-MailboxIRMAccess -Identity lynette@contoso.onmicrosoft.com -User chris@contoso.onmicrosoft.com
