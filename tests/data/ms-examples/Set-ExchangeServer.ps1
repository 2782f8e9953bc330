# Example 1
Set-ExchangeServer -Identity TestServer.Contoso.com -ErrorReportingEnabled $false
# Example 2
Set-ExchangeServer -Identity 'SERVER01' -CustomerFeedbackEnabled $true
# Example 3
Set-ExchangeServer -Identity 'SERVER01' -CustomerFeedbackEnabled $false
