# Example 1
Retry-Queue -Filter "NextHopDomain -eq "contoso.com" -and Status -eq 'Retry'"
