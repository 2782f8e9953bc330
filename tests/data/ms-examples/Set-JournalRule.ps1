# Example 1
Set-JournalRule "Consolidated Messenger" -JournalEmailAddress "ArchiveMailbox@contoso.com"
# Example 2
Get-JournalRule | Set-JournalRule -JournalEmailAddress "Archive Mailbox"
