# Example 1
Get-TransportRulePredicate
# Example 2
Get-TransportRulePredicate -Name SubjectMatches | Format-List
# Example 3
Get-TransportRulePredicate | Where {$_.Name -like "*Attachment*"}
