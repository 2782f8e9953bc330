# Example 1
Invoke-ProvisioningCompanyObjectDiagnostic
