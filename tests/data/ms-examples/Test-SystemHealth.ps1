# Example 1
Test-SystemHealth
# Example 2
$SysHealth = Test-SystemHealth -OutData

[System.IO.File]::WriteAllBytes('D:\temp\SystemHealthOutData.xml', $SysHealth.FileData)
