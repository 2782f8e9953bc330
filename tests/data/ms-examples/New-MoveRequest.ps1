# Example 1
New-MoveRequest -Identity 'tony@alpineskihouse.com' -TargetDatabase "DB01" -WhatIf
# Example 2
New-MoveRequest -Identity 'tony@alpineskihouse.com' -TargetDatabase "DB01"
# Example 3
Get-Mailbox -Database DB01 | New-MoveRequest -TargetDatabase DB02 -BatchName "DB01toDB02"
