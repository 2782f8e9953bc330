# Example 1
Get-DatabaseAvailabilityGroup DAG1 | Format-List
# Example 2
Get-DatabaseAvailabilityGroup DAG2 -Status | Format-List
