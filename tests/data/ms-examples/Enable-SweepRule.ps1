# Example 1
Enable-SweepRule -Identity "x2hlsdpGmUifjFgxxGIOJw=="
# Example 2
Get-SweepRule -Mailbox laura@contoso.com | Enable-SweepRule
