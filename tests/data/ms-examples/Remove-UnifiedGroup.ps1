# Example 1
Remove-UnifiedGroup -Identity "Research Department"
