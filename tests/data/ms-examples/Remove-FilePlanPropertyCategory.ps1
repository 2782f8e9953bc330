# Example 1
Remove-FilePlanPropertyCategory -Identity "Contoso Category"
