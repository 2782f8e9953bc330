# Example 1
Remove-DlpEdmSchema -Identity "Schema for Patient Records"
