# Example 1
Get-RecipientPermission -Trustee "Kim Akers"
# Example 2
Get-RecipientPermission "Help Desk"
