# Example 1
New-MailContact -Name "Chris Ashton" -ExternalEmailAddress "chris@tailspintoys.com"
