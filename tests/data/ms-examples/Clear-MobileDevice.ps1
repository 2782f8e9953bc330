# Example 1
Clear-MobileDevice -Identity TonySmith\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac
# Example 2
Clear-MobileDevice -Identity TonySmith\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac -NotificationEmailAddresses "chris@contoso.com"
# Example 3
Clear-MobileDevice -Identity TonySmith\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac -Cancel
