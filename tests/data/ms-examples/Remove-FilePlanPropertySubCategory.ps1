# Example 1
Remove-FilePlanPropertySubCategory -Identity "US Tax"
