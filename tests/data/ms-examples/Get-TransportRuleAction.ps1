# Example 1
Get-TransportRuleAction
# Example 2
Get-TransportRuleAction -Name DeleteMessage | Format-List
