# Example 1
Get-ComplianceCase
# Example 2
Get-ComplianceCase -Identity "Contoso Legal" | Format-List
# Example 3
Get-ComplianceCase -CaseType AdvancedEdiscovery
# Example 4
Get-ComplianceCase -CaseType DSR -RoleGroup "DSR Administrators"
