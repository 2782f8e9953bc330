# Example 1
New-FilePlanPropertyAuthority -Name "Contoso Authority"
