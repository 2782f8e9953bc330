# Example 1
New-FilePlanPropertyAuthority -Name "Contoso-0001"
