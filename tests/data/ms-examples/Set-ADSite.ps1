# Example 1
Set-ADSite Default-First-Site-Name -HubSiteEnabled $true
