# Example 1
Set-DataEncryptionPolicy -Identity "US Mailboxes" -Enabled $false
# Example 2
Set-DataEncryptionPolicy -Identity "Europe Mailboxes" -Refresh
