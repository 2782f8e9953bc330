# Example 1
Remove-SyncMailPublicFolder
