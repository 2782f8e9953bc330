# Example 1
Get-DatabaseAvailabilityGroupNetwork -Identity DAG1
# Example 2
Get-DatabaseAvailabilityGroupNetwork -Identity DAG1 | Format-List
# Example 3
Get-DatabaseAvailabilityGroupNetwork -Identity DAG2\DAGNetwork02 -Server MBX1 | Format-List
