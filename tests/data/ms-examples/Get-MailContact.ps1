# Example 1
Get-MailContact
# Example 2
Get-MailContact -Identity Arlene | Format-List
