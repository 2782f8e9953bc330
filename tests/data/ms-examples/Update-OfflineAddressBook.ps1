# Example 1
Update-OfflineAddressBook -Identity MyOAB
