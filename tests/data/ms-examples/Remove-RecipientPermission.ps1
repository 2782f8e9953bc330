# Example 1
Remove-RecipientPermission "Help Desk" -AccessRights SendAs -Trustee "Ayla Kol"
