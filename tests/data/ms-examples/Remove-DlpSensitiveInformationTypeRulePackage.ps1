# Example 1
$Rule = Get-DlpSensitiveInformationTypeRulePackage -Identity "Contoso Rule Pack"

$Rule | Remove-DlpSensitiveInformationTypeRulePackage
