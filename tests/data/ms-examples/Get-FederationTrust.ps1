# Example 1
Get-FederationTrust | Format-List
