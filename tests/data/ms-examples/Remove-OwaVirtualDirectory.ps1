# Example 1
Remove-OwaVirtualDirectory -Identity "EXCH01\owa (Default Web site)"
