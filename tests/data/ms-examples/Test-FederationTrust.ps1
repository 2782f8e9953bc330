# Example 1
Test-FederationTrust
