# Example 1
Remove-DatabaseAvailabilityGroup -Identity DAG1
