# Example 1
Get-PublicFolderMoveRequest -Identity \PublicFolderMove
# Example 2
Get-PublicFolderMoveRequest -RequestQueue MBD01
