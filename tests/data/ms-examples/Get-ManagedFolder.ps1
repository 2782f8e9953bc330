# Example 1
Get-ManagedFolder MyManagedFolder | Format-List
