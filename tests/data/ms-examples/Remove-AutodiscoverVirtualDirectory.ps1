# Example 1
Remove-AutodiscoverVirtualDirectory -Identity "MBX01\autodiscover(autodiscover.contoso.com)"
