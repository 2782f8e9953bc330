# Example 1
Update-Recipient -Identity "John Smith"
# Example 2
Get-MailContact -OrganizationalUnit "contoso.com/fabrikam.com Users" | Update-Recipient
