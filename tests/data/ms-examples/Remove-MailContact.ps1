# Example 1
Remove-MailContact -Identity contoso.com/john
