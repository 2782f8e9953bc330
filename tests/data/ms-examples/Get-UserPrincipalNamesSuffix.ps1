# Example 1
Get-UserPrincipalNamesSuffix
