# Example 1
Set-ComplianceCase -Identity "Fabrikam Litigation" -Description "For details, contact the Laura at the Contoso law firm" -ExternalId "Case number: 03092020"
