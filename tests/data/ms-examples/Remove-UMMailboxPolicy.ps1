# Example 1
Remove-UMMailboxPolicy -Identity MyUMMailboxPolicy
