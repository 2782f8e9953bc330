# Example 1
Send-TextMessagingVerificationCode -Identity "TonySmith"
# Example 2
Send-TextMessagingVerificationCode -Identity "TonySmith" -Confirm $true
# Example 3
Send-TextMessagingVerificationCode -Identity "tony@contoso.com"
