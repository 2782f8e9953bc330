# Example 1
Remove-ManagedFolder MyManagedFolder
