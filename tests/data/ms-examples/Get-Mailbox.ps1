# Example 1
Get-Mailbox -ResultSize unlimited
# Example 2
Get-Mailbox -OrganizationalUnit Users
# Example 3
Get-Mailbox -Anr Chr
# Example 4
Get-Mailbox -Archive -Database MBXDB01
# Example 5
Get-Mailbox -Identity ed@contoso.com -RemoteArchive
