# Example 1
Get-FilePlanPropertyAuthority | Format-Table Name,Workload,Policy
# Example 2
Get-FilePlanPropertyAuthority -Identity "Contoso Authority"
