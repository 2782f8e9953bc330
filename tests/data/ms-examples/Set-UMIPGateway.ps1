# Example 1
Set-UMIPGateway -Identity MyUMIPGateway -Address 10.10.10.1
# Example 2
Set-UMIPGateway -Identity MyUMIPGateway -Address 10.10.10.1 -Status Disabled -OutcallsAllowed $false
# Example 3
Set-UMIPGateway -Identity MyUMIPGateway -Address fe80::39bd:88f7:6969:d223%11 -IPAddressFamily Any -Status Disabled -OutcallsAllowed $false
# Example 4
Set-UMIPGateway -Identity MyUMIPGateway -Simulator $true
