# Example 1
Move-OfflineAddressBook -Identity "My OAB" -Server "Server1"
