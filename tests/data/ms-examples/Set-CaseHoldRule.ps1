# Example 1
Set-CaseHoldRule -Identity "Internal Company Rule" -Disabled $true
