# Example 1
Get-CaseHoldRule -Identity "30 Day Rule"
