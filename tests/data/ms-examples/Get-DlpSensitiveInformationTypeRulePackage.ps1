# Example 1
Get-DlpSensitiveInformationTypeRulePackage
# Example 2
Get-DlpSensitiveInformationTypeRulePackage -Identity "Microsoft Rule Package" | Format-List
