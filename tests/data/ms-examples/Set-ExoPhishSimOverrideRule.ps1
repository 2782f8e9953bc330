# Example 1
Get-ExoPhishSimOverrideRule | Set-ExoPhishSimOverrideRule -AddDomains blueyonderairlines.com -RemoveSenderIpRanges 192.168.1.55
# Example 2
Set-ExoPhishSimOverrideRule -Identity "_Exe:PhishSimOverr:6fed4b63-3563-495d-a481-b24a311f8329" -AddDomains blueyonderairlines.com -RemoveSenderIpRanges 192.168.1.55
