# Example 1
Get-ServiceDeliveryReport -Recipient chris@contoso.com
