# Example 1
Remove-UMHuntGroup -Identity MyUMHuntGroup
