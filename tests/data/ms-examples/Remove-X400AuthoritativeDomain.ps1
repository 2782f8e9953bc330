# Example 1
Remove-X400AuthoritativeDomain -Identity Sales
