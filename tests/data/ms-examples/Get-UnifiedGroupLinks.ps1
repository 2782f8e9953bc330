# Example 1
Get-UnifiedGroupLinks -Identity "Human Resources Department" -LinkType Members
