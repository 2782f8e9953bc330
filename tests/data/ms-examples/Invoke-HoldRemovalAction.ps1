# Example 1
Invoke-HoldRemovalAction -Action RemoveHold -ExchangeLocation "KittyPetersen@contoso.onmicrosoft.com" -HoldId "UniHecbf89df-74fc-444a-a2dc-c0756c7d3503"
# Example 2
Invoke-HoldRemovalAction -Action GetHolds -SharePointLocation "https://contoso.sharepoint.com/sites/finance"
# Example 3
Invoke-HoldRemovalAction -Action GetHoldRemovals
