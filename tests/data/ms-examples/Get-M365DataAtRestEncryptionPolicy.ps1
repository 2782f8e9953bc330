# Example 1
Get-M365DataAtRestEncryptionPolicy
# Example 2
Get-M365DataAtRestEncryptionPolicy -Identity "Contoso Corporate" | Format-List
