# Example 1
New-SiteMailbox
