# Example 1
Get-DlpEdmSchema
# Example 2
Get-DlpEdmSchema -Identity "Schema for Patient Records"
