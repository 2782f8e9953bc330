# Example 1
Remove-OabVirtualDirectory -Identity "OAB (Default Web Site)"
# Example 2
Remove-OabVirtualDirectory -Identity "Server1\OAB (Default Web Site)"
