# Example 1
Enable-TransportRule -Identity "Disclaimer-Finance"
# Example 2
Enable-TransportRule -Identity "Require approval of messages to contoso.com" -Mode Audit
