# Example 1
Get-BlockedSenderAddress
# Example 2
Get-BlockedSenderAddress -SenderAddress laura@contoso.com
