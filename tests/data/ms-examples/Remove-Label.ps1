# Example 1
Remove-Label -Identity "Marketing Group"
