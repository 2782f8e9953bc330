# Example 1
Upgrade-DistributionGroup -DlIdentities hr@contoso.com,finance@contoso.com
