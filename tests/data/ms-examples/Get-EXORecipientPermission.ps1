# Example 1
Get-EXORecipientPermission -ResultSize 100
