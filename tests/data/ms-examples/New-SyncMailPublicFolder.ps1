# Example 1
New-SyncMailPublicFolder
