# Example 1
Get-ProtectionAlert | Format-List Name,Category,Comment,NotifyUser
# Example 2
Get-ProtectionAlert -Identity "Malware campaign detected after delivery"
