# Example 1
Get-DlpPolicy
# Example 2
Get-DlpPolicy "Employee Numbers" | Format-List
