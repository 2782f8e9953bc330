# Example 1
Disable-MailPublicFolder -Identity "\Help Desk"
