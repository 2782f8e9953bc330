# Example 1
Suspend-PublicFolderMoveRequest -Identity \PublicFolderMove
