# Example 1
Get-FilePlanPropertyCategory | Format-Table Name,Workload,Policy
# Example 2
Get-FilePlanPropertyCategory -Identity "Contoso Category"
