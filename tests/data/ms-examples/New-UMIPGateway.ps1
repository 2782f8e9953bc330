# Example 1
New-UMIPGateway -Identity MyUMIPGateway -Address 10.10.10.1
# Example 2
New-UMIPGateway -Identity MyUMIPGateway -Address fe80::39bd:88f7:6969:d223%11 -IPAddressFamily Any
# Example 3
New-UMIPGateway -Identity MyUMIPGateway -Address "MyUMIPGateway.contoso.com"
