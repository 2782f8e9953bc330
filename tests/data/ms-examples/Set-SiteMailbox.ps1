# Example 1
Set-SiteMailbox -Identity "MarketingEvents 2013" -SharePointUrl "https://myserver/teams/marketing"
# Example 2
Set-SiteMailbox -Identity SMO_ContosoSales -RemoveDuplicateMessages $true
