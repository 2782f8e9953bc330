# Example 1
Get-SweepRule
# Example 2
Get-SweepRule -Mailbox julia@contoso.com
# Example 3
Get-SweepRule -Identity "x2hlsdpGmUifjFgxxGIOJw=="
