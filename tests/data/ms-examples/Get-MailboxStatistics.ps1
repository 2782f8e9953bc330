# Example 1
Get-MailboxStatistics -Identity AylaKol
# Example 2
Get-MailboxStatistics -Server MailboxServer01
# Example 3
Get-MailboxStatistics -Identity contoso\chris
# Example 4
Get-MailboxStatistics -Database "Mailbox Database"
# Example 5
Get-MailboxDatabase | Get-MailboxStatistics -Filter 'DisconnectDate -ne $null'
# Example 6
Get-MailboxStatistics -Database "Mailbox Database" -StoreMailboxIdentity 3b475034-303d-49b2-9403-ae022b43742d
# Example 7
Get-MailboxStatistics -Identity AylaKol -IncludeMoveHistory | Format-List
# Example 8
$temp=Get-MailboxStatistics -Identity AylaKol -IncludeMoveHistory

$temp.MoveHistory[0]
# Example 9
$temp=Get-MailboxStatistics -Identity AylaKol -IncludeMoveReport

$temp.MoveHistory[0] | Export-CSV C:\MoveReport_AylaKol.csv
