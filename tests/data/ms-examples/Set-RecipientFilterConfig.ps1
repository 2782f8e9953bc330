# Example 1
Set-RecipientFilterConfig -RecipientValidationEnabled $true
# Example 2
Set-RecipientFilterConfig -BlockListEnabled $true -BlockedRecipients user1@contoso.com,user2@contoso.com
