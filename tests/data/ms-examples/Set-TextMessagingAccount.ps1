# Example 1
Set-TextMessagingAccount -Identity 'JeffHay' -NotificationPhoneNumber 4255550100
# Example 2
Set-TextMessagingAccount -Identity 'JeffHay' -CountryRegionId US -MobileOperatorId 15001 -NotificationPhoneNumber +14255550199
