# Example 1
Get-ActiveSyncDevice -Mailbox "TonySmith"
# Example 2
Get-ActiveSyncDevice -ResultSize Unlimited | Where {$_.DeviceOS -eq "OutlookBasicAuth"} | Format-Table -Auto UserDisplayName,DeviceAccessState
# Example 3
Get-ActiveSyncDevice -ResultSize Unlimited | Where {$_.DeviceType -eq "OutlookService"} | Format-Table -Auto UserDisplayName,FirstSyncTime
