# Example 1
Get-FilePlanPropertyReferenceId | Format-Table Name,Workload,Policy
# Example 2
Get-FilePlanPropertyReferenceId -Identity "Contoso-0001"
