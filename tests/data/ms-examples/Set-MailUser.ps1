# Example 1
Set-MailUser -Identity "John Woods" -ExternalEmailAddress john@tailspintoys.com
# Example 2
Set-MailUser -Identity "John Woods" -ExcludeFromAllHolds
