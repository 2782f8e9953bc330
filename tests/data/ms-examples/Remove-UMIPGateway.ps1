# Example 1
Remove-UMIPGateway -Identity MyUMIPGateway
