# Example 1
Get-UMIPGateway | Format-List
# Example 2
Get-UMIPGateway -Identity MyUMIPGateway
# Example 3
Get-UMIPGateway -IncludeSimulator $true
