# Example 1
Get-PublicFolderMoveRequestStatistics -Identity \PublicFolderMove
# Example 2
Get-PublicFolderMoveRequestStatistics -Identity \PublicFolderMove | Format-List
