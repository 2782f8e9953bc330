# Example 1
Get-CalendarNotification -Identity tony@contoso.com
