# Example 1
Resume-MoveRequest -Identity "Tony@contoso.com"
# Example 2
Get-MoveRequest -MoveStatus Failed | Resume-MoveRequest
# Example 3
Get-MoveRequest -MoveStatus Suspended | Get-MoveRequestStatistics | Where {$_.Message -like "*resume after 10 P.M."} | Resume-MoveRequest
