# Example 1
Get-UMActiveCalls
# Example 2
Get-UMActiveCalls -Server MyUMServer
# Example 3
Get-UMActiveCalls -IPGateway MyUMIPGateway
# Example 4
Get-UMActiveCalls -DialPlan MyUMDialPlan
