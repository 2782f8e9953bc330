# Example 1
Disable-MailUser -Identity markus@contoso.com
