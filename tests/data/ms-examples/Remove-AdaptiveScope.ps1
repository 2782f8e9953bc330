# Example 1
Get-AdaptiveScope -Identity "Project X"
