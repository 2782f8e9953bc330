# Example 1
Set-MailContact -Identity "John Rodman" -ExternalEmailAddress "john@contoso.com"
