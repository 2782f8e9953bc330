# Example 1
Disable-MailContact -Identity "EdMeadows"
