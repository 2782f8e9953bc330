# Example 1
Remove-FilePlanPropertyCitation -Identity "Contoso Citation"
