# Example 1
Get-ExchangeServer | Format-List
# Example 2
Get-ExchangeServer -Identity Mailbox01 | Format-List
