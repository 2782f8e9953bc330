# Example 1
New-FilePlanPropertyDepartment -Name "Contoso HR"
