# Example 1
Get-Contact
# Example 2
Get-Contact -Identity MarkusBreyer | Format-List
# Example 3
Get-Contact -Anr Markus* -RecipientTypeDetails MailContact
