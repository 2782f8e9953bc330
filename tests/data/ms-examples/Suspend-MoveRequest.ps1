# Example 1
Suspend-MoveRequest -Identity "Ayla@humongousinsurance.com"
# Example 2
Get-MoveRequest -MoveStatus InProgress | Suspend-MoveRequest
