# Example 1
Set-OfflineAddressBook -Identity "Default Offline Address Book" -VirtualDirectories $null -GlobalWebDistributionEnabled $true
# Example 2
Set-OfflineAddressBook -Identity "\Default Offline Address Book" -GeneratingMailbox OABGen2
