# Example 1
Remove-CaseHoldRule -Identity "One Year Standard"
