# Example 1
Resume-PublicFolderMoveRequest -Identity \PublicFolderMove
# Example 2
Get-PublicFolderMoveRequest -MoveStatus Failed | Resume-PublicFolderMoveRequest
# Example 3
Get-PublicFolderMoveRequest -MoveStatus Suspended | Get-PublicFolderMoveRequestStatistics | Where {$_.Message -like "*resume after 10 P.M."} | Resume-PublicFolderMoveRequest
