# Example 1
Get-FilePlanPropertyDepartment | Format-Table Name,Workload,Policy
# Example 2
Get-FilePlanPropertyDepartment -Identity "Contoso HR"
