# Example 1
Dismount-Database -Identity MyDatabase
