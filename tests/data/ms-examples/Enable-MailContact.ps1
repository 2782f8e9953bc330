# Example 1
Enable-MailContact -Identity Roland -ExternalEmailAddress "roland@tailspintoys.com"
