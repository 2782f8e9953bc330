# Example 1
Get-MessageClassification
