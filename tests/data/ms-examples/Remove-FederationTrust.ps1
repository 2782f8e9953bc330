# Example 1
Remove-FederationTrust "Microsoft Federation Gateway"
