# Example 1
Get-OfflineAddressBook
# Example 2
Get-OfflineAddressBook -Identity "\Default Offline Address Book" | Format-List
# Example 3
Get-OfflineAddressBook | Format-List Name,AddressLists,GeneratingMailbox,GUID
