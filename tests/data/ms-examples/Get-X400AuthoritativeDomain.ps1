# Example 1
Get-X400AuthoritativeDomain "Europe Sales X.400 Domain" | Format-List
