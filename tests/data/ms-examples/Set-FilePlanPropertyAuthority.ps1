# Example 1
Set-FilePlanPropertyAuthority -Identity "Contoso Authority" -DisplayName "Parent authority for Contoso"
