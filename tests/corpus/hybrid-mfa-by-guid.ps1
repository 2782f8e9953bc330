Get-MailboxLocation -User kim@contoso.com | Format-List MailboxGuid, MailboxLocationType
Start-ManagedFolderAssistant 5e9a3c1b-2f4d-4a8e-9b6c-0d1e2f3a4b5c
