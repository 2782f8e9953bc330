# Example 1
Get-OwaVirtualDirectory -Server Contoso
# Example 2
Get-OwaVirtualDirectory -Identity "Contoso\owa*" | Format-List
# Example 3
Get-OwaVirtualDirectory
