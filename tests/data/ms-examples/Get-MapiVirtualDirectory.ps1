# Example 1
Get-MapiVirtualDirectory -Server ContosoMail
# Example 2
Get-MapiVirtualDirectory -Identity "ContosoMail\mapi (Default Web Site)" | Format-List

Get-MapiVirtualDirectory "ContosoMail\mapi (Default Web Site)" | Format-List

Get-MapiVirtualDirectory ContosoMai\mapi* | Format-List
# Example 3
Get-MapiVirtualDirectory
