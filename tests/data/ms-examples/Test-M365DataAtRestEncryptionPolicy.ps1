# Example 1
Test-M365DataAtRestEncryptionPolicy -Identity "Contoso Corporate"
