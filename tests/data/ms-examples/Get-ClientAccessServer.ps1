# Example 1
Get-ClientAccessServer
# Example 2
Get-ClientAccessServer -Identity mail.contoso.com | Format-List
