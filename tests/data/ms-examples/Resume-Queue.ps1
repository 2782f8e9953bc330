# Example 1
Resume-Queue -Server Server1.contoso.com -Filter "NextHopDomain -eq 'Fourthcoffee.com'"
