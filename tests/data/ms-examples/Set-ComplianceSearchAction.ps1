# Example 1
Set-ComplianceSearchAction -Identity "Project X_Export" -ChangeExportKey
