# Example 1
Suspend-Queue -Filter "NextHopDomain -eq "contoso.com" -and Status -eq 'Retry'"
# Example 2
Suspend-Queue -Server Server1.contoso.com -Filter "MessageCount -gt 100"
