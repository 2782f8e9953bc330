# Example 1
Remove-UMAutoAttendant -Identity MyUMAutoAttendant
