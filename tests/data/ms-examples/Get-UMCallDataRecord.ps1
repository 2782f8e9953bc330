# Example 1
Get-UMCallDataRecord -Mailbox tony@contoso.com
