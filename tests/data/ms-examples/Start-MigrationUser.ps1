# Example 1
Start-MigrationUser -Identity laura@contoso.com
