# Example 1
Get-ADSite Default-First-Site-Name
