# Example 1
Get-UMAutoAttendant | Format-List
# Example 2
Get-UMAutoAttendant -Identity MyUMAutoAttendant
# Example 3
Get-UMAutoAttendant -UMDialPlan MyUMDialPlan
