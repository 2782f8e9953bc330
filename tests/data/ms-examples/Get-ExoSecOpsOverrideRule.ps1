# Example 1
Get-ExoSecOpsOverrideRule
# Example 2
Get-ExoSecOpsOverrideRule | Format-Table Name,Mode
