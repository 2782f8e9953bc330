# Example 1
Set-DlpPolicy "Employee Numbers" -State Disabled
