# Example 1
Get-InformationBarrierPolicy | Format-Table Name,State,AssignedSegment,Segments* -Auto
# Example 2
Get-InformationBarrierPolicy -Identity HR-Sales
