# Example 1
Get-EXORecipient -ResultSize 100
# Example 2
Get-EXORecipient -Identity john@contoso.com
