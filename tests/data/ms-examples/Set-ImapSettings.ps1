# Example 1
Set-ImapSettings -Server "MBX01" -UnencryptedOrTLSBindings 10.0.0.0:143
# Example 2
Set-ImapSettings -ProtocolLogEnabled $true -LogFileLocation "C:\Imap4Logging"
# Example 3
Set-ImapSettings -LogPerFileSizeQuota 2MB
# Example 4
Set-ImapSettings -LogPerFileSizeQuota 0 -LogFileRollOverSettings Hourly
# Example 5
Set-ImapSettings -X509CertificateName mail.contoso.com
