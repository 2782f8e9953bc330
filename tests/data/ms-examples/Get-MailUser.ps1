# Example 1
Get-MailUser
# Example 2
Get-MailUser -Identity Ed | Format-List
