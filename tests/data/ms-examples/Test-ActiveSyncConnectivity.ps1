# Example 1
Test-ActiveSyncConnectivity -ClientAccessServer MBX01
# Example 2
Test-ActiveSyncConnectivity -UseAutodiscoverForClientAccessServer $true -URL "https://contoso.com/mail" -MailboxCredential (Get-Credential pauls@contoso.com)
