# Example 1
Disable-UMAutoAttendant -Identity MyUMAutoAttendant
