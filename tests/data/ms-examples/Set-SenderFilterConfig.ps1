# Example 1
Set-SenderFilterConfig -BlankSenderBlockingEnabled $true -BlockedDomainsAndSubdomains lucernepublishing.com -BlockedSenders @{Add="user1@contoso.com","user2@contoso.com"}
