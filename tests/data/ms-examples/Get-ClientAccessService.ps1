# Example 1
Get-ClientAccessService | Format-Table Name
# Example 2
Get-ClientAccessService -Identity mail.contoso.com | Format-List
