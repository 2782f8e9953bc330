# Example 1
Invoke-ProvisioningVerifyRbacDiagnostic -User arnold@contoso.onmicrosoft.com -CmdletName Set-Mailbox -CmdletParameters DisplayName
