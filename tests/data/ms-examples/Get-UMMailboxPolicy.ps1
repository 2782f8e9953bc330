# Example 1
Get-UMMailboxPolicy | Format-List
# Example 2
Get-UMMailboxPolicy -Identity MyUMMailboxPolicy
# Example 3
Get-UMMailboxPolicy -UMDialPlan MyUMDialPlan
