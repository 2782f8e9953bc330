# Example 1
New-FilePlanPropertyCitation -Name "Contoso-0001"
