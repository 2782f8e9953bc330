# Example 1
Get-FilePlanPropertyCitation | Format-Table Name,Workload,Policy
# Example 2
Get-FilePlanPropertyCitation -Identity "Contoso Citation"
