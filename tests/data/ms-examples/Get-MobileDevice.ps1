# Example 1
Get-MobileDevice -Mailbox "Tony Smith"
# Example 2
Get-MobileDevice -ResultSize unlimited | Format-Table -Auto DeviceModel,Identity
# Example 3
Get-MobileDevice -Identity Lila\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac | Format-List
