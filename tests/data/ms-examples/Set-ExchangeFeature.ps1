# Example 1
Set-ExchangeFeature -Identity ex01.contoso.com -FeatureID @("F1.1.1") -Approve
# Example 2
Set-ExchangeFeature -Identity ex01.contoso.com -FeatureID @("F1.1.1", "F1.2.1", "F2.1.1") -Approve
# Example 3
Set-ExchangeFeature -Identity ex01.contoso.com -FeatureID @("F1.1.1", "F1.2.1", "F2.1.1") -Block
