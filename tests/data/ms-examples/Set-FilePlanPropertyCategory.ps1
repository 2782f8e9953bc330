# Example 1
Set-FilePlanPropertyCategory -Identity "Contoso Category" -DisplayName "Parent category for Contoso"
