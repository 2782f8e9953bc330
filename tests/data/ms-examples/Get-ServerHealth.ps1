# Example 1
Get-ServerHealth -Identity Server01
