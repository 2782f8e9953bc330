# Example 1
Get-Recipient -ResultSize unlimited
# Example 2
Get-Recipient -Identity "Marketing Department" | Format-List
# Example 3
Get-Recipient -RecipientType MailContact -SortBy Office | Format-Table -Auto Office,Name
