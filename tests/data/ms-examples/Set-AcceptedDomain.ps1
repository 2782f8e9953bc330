# Example 1
Set-AcceptedDomain -Identity Contoso -MakeDefault $true
