# Example 1
Get-MailboxFolder -Identity :\Inbox | Format List
# Example 2
Get-MailboxFolder
# Example 3
Get-MailboxFolder -GetChildren -MailFolderOnly
# Example 4
Get-MailboxFolder -Identity :\Inbox -GetChildren
# Example 5
Get-MailboxFolder -Identity :\Inbox -Recurse
