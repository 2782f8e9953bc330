# Example 1
Set-ManagedFolder MyManagedFolder -StorageQuota 100KB
