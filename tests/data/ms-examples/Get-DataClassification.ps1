# Example 1
Get-DataClassification
# Example 2
Get-DataClassification -ClassificationRuleCollectionIdentity "Fingerprint Classification Collection"
# Example 3
Get-DataClassification "SWIFT Code" | Format-List
