# Example 1
New-OwaVirtualDirectory -WebSiteName "Contoso.com"
