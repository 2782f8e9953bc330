# Example 1
Get-SensitiveInformationScan | Format-Table Name,ParentPolicyName
# Example 2
Get-SensitiveInformationScan -Identity "HR Department Scan"
