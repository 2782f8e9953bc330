# Example 1
Set-MailboxCalendarFolder -Identity kai:\Calendar -DetailLevel LimitedDetails
# Example 2
Set-MailboxCalendarFolder -Identity kai:\Calendar -SearchableUrlEnabled $true
