# Example 1
Get-AdaptiveScope | Format-Table Name,Priority
# Example 2
Get-AdaptiveScope -Identity "Project X"
