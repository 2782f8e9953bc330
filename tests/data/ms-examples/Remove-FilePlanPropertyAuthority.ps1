# Example 1
Remove-FilePlanPropertyAuthority -Identity "Contoso Authority"
