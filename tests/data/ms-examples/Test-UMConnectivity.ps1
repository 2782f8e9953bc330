# Example 1
Test-UMConnectivity
# Example 2
Test-UMConnectivity -UMIPGateway MyUMIPGateway -Phone 56780 -Secured $false
# Example 3
Test-UMConnectivity -Phone sip:sipdp.contoso.com@contoso.com -UMIPGateway MyUMIPGateway -Secured $true -From sip:user1@contoso.com -MediaSecured $true
