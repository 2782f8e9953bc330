# Example 1
Set-MailboxMessageConfiguration kai@contoso.com -HideDeletedItems $true
# Example 2
Set-MailboxMessageConfiguration kai@contoso.com -AlwaysShowBcc $true
