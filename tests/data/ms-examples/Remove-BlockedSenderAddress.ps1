# Example 1
Remove-BlockedSenderAddress -SenderAddress julia@contoso.com
