# Example 1
Get-FilePlanPropertySubCategory | Format-Table Name,Workload,ParentCategory,Policy
# Example 2
Get-FilePlanPropertySubCategory -Identity "US Tax"
