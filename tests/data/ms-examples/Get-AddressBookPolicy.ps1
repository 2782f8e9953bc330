# Example 1
Get-AddressBookPolicy | Format-List
# Example 2
Get-AddressBookPolicy -Identity "All Fabrikam"
# Example 3
Get-AddressBookPolicy | where {$_.OfflineAddressBook -eq "\Fabrikam All OAB"}
