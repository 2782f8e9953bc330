# Example 1
Set-FilePlanPropertySubCategory -Identity "US Tax" -DisplayName "Subcategory for US Tax"
