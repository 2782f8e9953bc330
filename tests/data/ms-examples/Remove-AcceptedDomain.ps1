# Example 1
Remove-AcceptedDomain Contoso
