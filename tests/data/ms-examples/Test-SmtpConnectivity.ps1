# Example 1
Test-SmtpConnectivity Mailbox01
# Example 2
Get-TransportService | Test-SmtpConnectivity
