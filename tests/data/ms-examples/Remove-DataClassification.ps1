# Example 1
Remove-DataClassification "Contoso Confidential"
