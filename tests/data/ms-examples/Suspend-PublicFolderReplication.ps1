# Example 1
Suspend-PublicFolderReplication
