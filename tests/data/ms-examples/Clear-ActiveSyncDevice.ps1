# Example 1
Clear-ActiveSyncDevice -Identity WM_JeffHay
# Example 2
Clear-ActiveSyncDevice -Identity WM_TonySmith -NotificationEmailAddresses "tony@contoso.com"
# Example 3
Clear-ActiveSyncDevice -Identity WM_TonySmith -Cancel $true
