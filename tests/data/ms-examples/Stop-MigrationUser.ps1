# Example 1
Stop-MigrationUser -Identity laura@contoso.com
