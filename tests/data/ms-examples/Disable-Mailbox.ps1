# Example 1
Disable-Mailbox -Identity "John Woods"
# Example 2
Disable-Mailbox -Identity "John Woods" -RemoteArchive
