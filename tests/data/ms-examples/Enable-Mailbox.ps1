# Example 1
Enable-Mailbox -Identity Ayla
# Example 2
Enable-Mailbox -Identity Ayla -Archive
# Example 3
Enable-Mailbox -Identity ayla@contoso.com -RemoteArchive -ArchiveDomain "archive.contoso.com"
