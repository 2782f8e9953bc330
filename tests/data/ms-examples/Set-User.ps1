# Example 1
Set-User -Identity Contoso\Jill -DisplayName "Jill Frank"
# Example 2
Set-User -Identity Kweku@fabrikam.com -LinkedMasterAccount $null
