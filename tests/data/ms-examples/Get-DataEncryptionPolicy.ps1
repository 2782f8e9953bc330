# Example 1
Get-DataEncryptionPolicy
# Example 2
Get-DataEncryptionPolicy -Identity "Europe Mailboxes"
