# Example 1
Get-MailboxCalendarFolder -Identity kai:\Calendar
# Example 2
Get-MailboxCalendarFolder -Identity kai:\Calendar -DomainController DC1
# Example 3
Get-MailboxCalendarFolder -Identity contoso\kai:\Calendar
