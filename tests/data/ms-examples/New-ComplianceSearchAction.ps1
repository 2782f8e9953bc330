# Example 1
New-ComplianceSearchAction -SearchName "Project X" -Preview
# Example 2
New-ComplianceSearchAction -SearchName "Project X" -Export
# Example 3
New-ComplianceSearchAction -SearchName "Remove Phishing Message" -Purge -PurgeType SoftDelete
# Example 4
New-ComplianceSearchAction -SearchName "Case 321 All Sites" -Export -SharePointArchiveFormat SingleZip -ExchangeArchiveFormat PerUserPst -Format FxStream
