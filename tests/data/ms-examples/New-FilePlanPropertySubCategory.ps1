# Example 1
New-FilePlanPropertySubCategory -Name "US Tax" -ParentId "Contoso Category"
