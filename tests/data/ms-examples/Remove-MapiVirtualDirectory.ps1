# Example 1
Remove-MapiVirtualDirectory -Identity "ContosoMail\mapi (Default Web Site)"
