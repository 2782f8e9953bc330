# Example 1
Test-FederationTrustCertificate
