# Example 1
Get-CalendarProcessing -Identity "Room 212" | Format-List
