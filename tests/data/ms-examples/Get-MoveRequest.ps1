# Example 1
Get-MoveRequest -Identity 'tony@contoso.com'
# Example 2
Get-MoveRequest -MoveStatus InProgress -TargetDatabase DB05
# Example 3
Get-MoveRequest -BatchName "FromDB01ToDB02" -MoveStatus CompletedWithWarning
