# Example 1
Get-EXOCASMailbox -Identity "JeffHay@contoso.com"
