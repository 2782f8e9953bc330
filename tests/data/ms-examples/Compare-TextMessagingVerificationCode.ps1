# Example 1
Compare-TextMessagingVerificationCode -Identity TonySmith -VerificationCode 111555
# Example 2
Compare-TextMessagingVerificationCode -Identity tony@contoso.com -VerificationCode 123456
# Example 3
Compare-TextMessagingVerificationCode -Identity TonySmith -VerificationCode 111555 -Confirm $true
