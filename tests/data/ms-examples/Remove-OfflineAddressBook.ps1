# Example 1
Remove-OfflineAddressBook -Identity "\Contoso Executives"
