# Example 1
Remove-FilePlanPropertyDepartment -Identity "Contoso HR"
