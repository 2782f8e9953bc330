# Example 1
Add-RecipientPermission "Help Desk" -AccessRights SendAs -Trustee "Ayla Kol"
