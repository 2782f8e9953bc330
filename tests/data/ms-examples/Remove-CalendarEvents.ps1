# Example 1
Remove-CalendarEvents -Identity chris@contoso.com -CancelOrganizedMeetings -QueryWindowInDays 120
# Example 2
Remove-CalendarEvents -Identity "Angela Gruber" -CancelOrganizedMeetings -QueryStartDate 11-30-2025 -QueryWindowInDays 120
# Example 3
Remove-CalendarEvents -Identity "Jacob Berger" -CancelOrganizedMeetings -QueryStartDate 11-30-2025 -QueryWindowInDays 90 -PreviewOnly -Verbose
