# Example 1
Export-AutoDiscoverConfig -TargetForestDomainController contoso.com
# Example 2
Export-AutoDiscoverConfig -TargetForestDomainController dc.contoso.com -MultipleExchangeDeployments $true
