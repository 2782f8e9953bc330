# Example 1
Enable-MailUser -Identity John -ExternalEmailAddress john@contoso.com
