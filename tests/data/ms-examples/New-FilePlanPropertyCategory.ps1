# Example 1
New-FilePlanPropertyCategory -Name "Contoso Category"
