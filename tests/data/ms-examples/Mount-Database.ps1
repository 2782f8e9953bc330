# Example 1
Mount-Database -Identity MyDatabase
