# Example 1
Disable-UMIPGateway -Identity MyUMIPGateway
# Example 2
Disable-UMIPGateway -Identity MyUMIPGateway -Immediate $true
