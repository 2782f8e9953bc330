# Example 1
Get-ServerComponentState -Identity Mailbox01
# Example 2
Get-ServerComponentState -Identity Mailbox01 -Component UnifiedMessaging | Format-List
