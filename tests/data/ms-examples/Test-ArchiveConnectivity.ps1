# Example 1
Test-ArchiveConnectivity -UserSmtp gsingh@contoso.com
# Example 2
Get-Mailbox -Filter 'ArchiveGuid -ne $null -and ArchiveDomain -ne $null' -ResultSize Unlimited | Test-ArchiveConnectivity
