# Example 1
Set-FilePlanPropertyReferenceId -Identity "Contoso-0001" -DisplayName "Reference ID Contoso-0001"
