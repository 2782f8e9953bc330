# Example 1
Get-EdgeSubscription | Format-List
# Example 2
Get-EdgeSubscription Edge1 -DomainController DC1.contoso.com
