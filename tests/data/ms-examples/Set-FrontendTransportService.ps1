# Example 1
Set-FrontEndTransportService MBX01 -TransientFailureRetryCount 3 -TransientFailureRetryInterval 00:00:30
# Example 2
Set-FrontEndTransportService MBX01 -ReceiveProtocolLogPath "C:\SMTP Protocol Logs\Receive.log"
