# Example 1
Set-FilePlanPropertyDepartment -Identity "Contoso HR" -DisplayName "HR department for Contoso"
