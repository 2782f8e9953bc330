# Example 1
Get-CaseHoldPolicy -Case "Contoso Legal"
# Example 2
Get-CaseHoldPolicy -Identity "Regulation 123 Compliance"
