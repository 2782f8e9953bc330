# Example 1
Remove-EcpVirtualDirectory -Identity "Server01\ecp (Default Web site)"
