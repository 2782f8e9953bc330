# Example 1
Get-CASMailbox "Jeff Hay"
# Example 2
Get-CASMailbox tony@contoso.com | Format-List Imap*
# Example 3
Get-CASMailbox chris@contoso.com | Format-List Ews*
# Example 4
Get-CASMailbox -RecipientTypeDetails SharedMailbox | Select *
