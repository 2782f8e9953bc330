# Example 1
Set-IRMConfiguration -JournalReportDecryptionEnabled $true
# Example 2
Set-IRMConfiguration -TransportDecryptionSetting Mandatory
# Example 3
Set-IRMConfiguration -ExternalLicensingEnabled $true
