# Example 1
Invoke-ProvisioningAcceptedDomainDiagnostic
