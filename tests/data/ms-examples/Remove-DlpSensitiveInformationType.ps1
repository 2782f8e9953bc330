# Example 1
Remove-DlpSensitiveInformationType "Contoso Confidential"
