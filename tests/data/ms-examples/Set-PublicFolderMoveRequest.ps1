# Example 1
Set-PublicFolderMoveRequest -Identity \PublicFolderMove -BadItemLimit 5
