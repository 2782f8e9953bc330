# Example 1
New-SendConnector -Internet -Name MySendConnector -AddressSpaces contoso.com,fabrikam.com
# Example 2
$CredentialObject = Get-Credential

New-SendConnector -Name "Secure Email to Contoso.com" -AddressSpaces contoso.com -AuthenticationCredential $CredentialObject -SmartHostAuthMechanism BasicAuth
