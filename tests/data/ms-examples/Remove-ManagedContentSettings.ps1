# Example 1
Remove-ManagedContentSettings -Identity MyManagedContentSettings
