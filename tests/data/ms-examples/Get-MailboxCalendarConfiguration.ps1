# Example 1
Get-MailboxCalendarConfiguration -Identity kai | Format-List
# Example 2
Get-MailboxCalendarConfiguration -Identity contoso\tony
# Example 3
Get-MailboxCalendarConfiguration -Identity kai -DomainController DC1
