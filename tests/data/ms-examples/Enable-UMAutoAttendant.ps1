# Example 1
Enable-UMAutoAttendant -Identity MyUMAutoAttendant
