# Example 1
Set-Group -Identity "Legal Department" -Universal -Notes "verified"
# Example 2
Set-Group -Identity "Human Resources" -IsHierarchicalGroup $true -SeniorityIndex 1
