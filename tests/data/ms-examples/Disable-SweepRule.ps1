# Example 1
Disable-SweepRule -Identity "x2hlsdpGmUifjFgxxGIOJw=="
# Example 2
Get-SweepRule -Mailbox laura@contoso.com | Disable-SweepRule
