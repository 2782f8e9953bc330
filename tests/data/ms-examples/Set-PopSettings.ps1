# Example 1
Set-PopSettings -Server "MBX01" -UnencryptedOrTLSBindings 10.0.0.0:110
# Example 2
Set-PopSettings -ProtocolLogEnabled $true -LogFileLocation "C:\Pop3Logging"
# Example 3
Set-PopSettings -LogPerFileSizeQuota 2MB
# Example 4
Set-PopSettings -LogPerFileSizeQuota 0 -LogFileRollOverSettings Hourly
# Example 5
Set-PopSettings -X509CertificateName mail.contoso.com
