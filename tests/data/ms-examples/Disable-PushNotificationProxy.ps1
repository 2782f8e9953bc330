# Example 1
Disable-PushNotificationProxy
