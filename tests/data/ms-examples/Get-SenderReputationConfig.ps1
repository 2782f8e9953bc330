# Example 1
Get-SenderReputationConfig | Format-List
