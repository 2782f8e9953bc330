# Example 1
New-PublicFolderDatabaseRepairRequest -Database PFDB01 -CorruptionType ReplState
# Example 2
New-PublicFolderDatabaseRepairRequest -Database PFDB02 -CorruptionType ReplState -DetectOnly
