# Example 1
Get-MailboxLocation -User chris@contoso.com
# Example 2
Get-MailboxLocation -Identity e15664af-82ed-4635-b02a-df7c2e03d950
