# Example 1
Enable-UMIPGateway -Identity MyUMIPGateway
