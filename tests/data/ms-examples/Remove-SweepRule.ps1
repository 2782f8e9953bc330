# Example 1
Remove-SweepRule -Identity "x2hlsdpGmUifjFgxxGIOJw=="
# Example 2
Get-SweepRule -Mailbox laura@contoso.com | Remove-SweepRule
