# Example 1
Remove-FilePlanPropertyReferenceId -Identity "Contoso-0001"
