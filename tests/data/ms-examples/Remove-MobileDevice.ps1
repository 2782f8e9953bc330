# Example 1
Remove-MobileDevice -Identity JeffHay\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac
# Example 2
Remove-MobileDevice -Identity TonySmith\ExchangeActiveSyncDevices\REST§Outlook§5eec4e941e0748a264512fd83770d5ac -Confirm:$false
