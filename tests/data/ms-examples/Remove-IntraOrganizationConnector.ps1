# Example 1
Remove-IntraOrganizationConnector "Contoso On-premises-Exchange Online"
