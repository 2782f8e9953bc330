# Example 1
Enable-PushNotificationProxy -WhatIf
# Example 2
Enable-PushNotificationProxy -Organization contoso.onmicrosoft.com
