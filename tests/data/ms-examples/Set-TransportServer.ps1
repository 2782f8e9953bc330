# Example 1
Set-TransportServer Mailbox01 -DelayNotificationTimeout 13:00:00
# Example 2
Set-TransportServer Mailbox01 -TransientFailureRetryCount 3 -TransientFailureRetryInterval 00:00:30
# Example 3
Set-TransportServer Mailbox01 -ReceiveProtocolLogPath "C:\SMTP Protocol Logs\Receive.log"
