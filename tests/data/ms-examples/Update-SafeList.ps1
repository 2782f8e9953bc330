# Example 1
Update-Safelist kim@contoso.com
# Example 2
Set-AdServerSettings -ViewEntireForest $true

Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox | Update-Safelist
