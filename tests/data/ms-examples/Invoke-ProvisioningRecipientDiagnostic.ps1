# Example 1
Invoke-ProvisioningRecipientDiagnostic -Recipients lukas@contoso.onmicrosoft.com
