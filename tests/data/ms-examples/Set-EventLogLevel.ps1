# Example 1
Set-EventLogLevel -Identity "Exchange01\MSExchangeTransport\SmtpReceive" -Level High
