# Example 1
Get-InboxRule -Mailbox Joe@Contoso.com
# Example 2
Get-InboxRule "ReceivedLastYear" -Mailbox joe@contoso.com -DescriptionTimeFormat "MM/dd/yyyy" -DescriptionTimeZone "Pacific Standard Time"
