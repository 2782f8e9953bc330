# Example 1
New-ComplianceCase -Name "Fabrikam Litigation"
# Example 2
New-ComplianceCase -Name "Coho Case 03082020" -CaseType AdvancedEdiscovery -ExternalId "SaraDavis v. Coho Winery"
