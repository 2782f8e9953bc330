# Example 1
Set-MailboxCalendarConfiguration -Identity peter@contoso.com -RemindersEnabled $false
# Example 2
Set-MailboxCalendarConfiguration -Identity peter@contoso.com -WorkingHoursTimeZone "Pacific Standard Time"
# Example 3
Set-MailboxCalendarConfiguration -Identity Tony -WorkingHoursStartTime 07:00:00
