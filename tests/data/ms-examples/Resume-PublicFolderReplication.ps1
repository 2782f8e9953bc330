# Example 1
Resume-PublicFolderReplication
