# Example 1
Remove-MigrationUser -Identity TonySmith
