# Example 1
Remove-CaseHoldPolicy -Identity "Regulation 123 Compliance"
