# Example 1
Get-VivaInsightsSettings -Identity roy@contoso.onmicrosoft.com

UserId : roy@contoso.onmicrosoft.com
IsInsightsHeadspaceEnabled : True
