# Example 1
Update-DatabaseSchema DB1
