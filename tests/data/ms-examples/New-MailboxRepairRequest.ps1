# Example 1
New-MailboxRepairRequest -Mailbox tony@contoso.com -CorruptionType FolderView
# Example 2
New-MailboxRepairRequest -Mailbox ayla -CorruptionType ProvisionedFolder,SearchFolder -DetectOnly
# Example 3
New-MailboxRepairRequest -Database MBX-DB01 -CorruptionType AggregateCounts
# Example 4
New-MailboxRepairRequest -Mailbox ayla -CorruptionType ProvisionedFolder,SearchFolder,AggregateCounts,Folderview -Archive
# Example 5
$Mailbox = Get-MailboxStatistics annb

New-MailboxRepairRequest -Database $Mailbox.Database -StoreMailbox $Mailbox.MailboxGuid -CorruptionType ProvisionedFolder,SearchFolder,AggregateCounts,Folderview
