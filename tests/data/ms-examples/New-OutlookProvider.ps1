# Example 1
New-OutlookProvider -Name MyOABUrl
# Example 2
New-OutlookProvider -DomainController DC1 -Name Autodiscover1
