# Example 1
Set-M365DataAtRestEncryptionPolicy -Identity "Tenant Default Policy" -Enabled $false
# Example 2
Set-M365DataAtRestEncryptionPolicy -Identity "Tenant Default Policy" -Refresh
