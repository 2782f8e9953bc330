# Example 1
Get-DlpSensitiveInformationType
# Example 2
Get-DlpSensitiveInformationType -Identity "Credit Card Number" | Format-List
