# Example 1
Set-ComplianceSearch -Identity "Project X" -ExchangeLocation All
# Example 2
Set-ComplianceSearch -Identity "Contoso Case Search 1" -HoldNames All -ExchangeLocation $null -SharePointLocation $null
# Example 3
Set-ComplianceSearch -Identity "China Subsidiary Search" -Language zh-CN
