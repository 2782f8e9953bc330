# Example 1
Set-MigrationUser -Identity laura@contoso.com -LargeItemLimit 15 -BadItemLimit 15
# Example 2
Set-MigrationUser -Identity laura@contoso.com -ApproveSkippedItems
