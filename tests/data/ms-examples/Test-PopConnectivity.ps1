# Example 1
Test-PopConnectivity -ClientAccessServer Contoso12 -MailboxCredential (Get-Credential contoso\kweku)
# Example 2
Test-PopConnectivity -ClientAccessServer Contoso12
