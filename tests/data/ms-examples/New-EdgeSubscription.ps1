# Example 1
New-EdgeSubscription -FileName "C:\Data\EdgeSubscription.xml"
# Example 2
$Temp = [System.IO.File]::ReadAllBytes('C:\Data\EdgeSubscription.xml')

New-EdgeSubscription -FileData $Temp -Site "Default-First-Site-Name"
# Example 3
New-EdgeSubscription -FileData ([System.IO.File]::ReadAllBytes('C:\Data\EdgeSubscription.xml')) -Site "Default-First-Site-Name"
