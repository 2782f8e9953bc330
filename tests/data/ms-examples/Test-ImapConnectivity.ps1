# Example 1
Test-ImapConnectivity -ClientAccessServer Contoso12 -MailboxCredential (Get-Credential contoso\kweku)
# Example 2
Test-ImapConnectivity -ClientAccessServer Contoso12
