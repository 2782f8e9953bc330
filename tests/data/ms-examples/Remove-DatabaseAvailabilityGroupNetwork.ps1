# Example 1
Remove-DatabaseAvailabilityGroupNetwork -Identity DAG1\DAGNetwork04
