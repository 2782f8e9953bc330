# Example 1
Get-MobileDeviceStatistics -Identity TonySmith\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac
# Example 2
$UserList = Get-CASMailbox -ResultSize unlimited -Filter "HasActiveSyncDevicePartnership -eq `$true -and -not DisplayName -like 'CAS_{*'"

$UserList | foreach {Get-MobileDeviceStatistics -Mailbox $_.Identity}
# Example 3
Get-MobileDeviceStatistics -Mailbox "Tony Smith" -GetMailboxLog -NotificationEmailAddresses "admin@contoso.com"
