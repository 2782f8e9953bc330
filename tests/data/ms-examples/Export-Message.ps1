# Example 1
Export-Message ExchSrv1\contoso.com\1234 | AssembleMessage -Path "c:\exportfolder\filename.eml"
# Example 2
Get-Message -Queue "Server1\contoso.com" -ResultSize Unlimited | ForEach-Object {Suspend-Message $_.Identity -Confirm:$False

$Temp="C:\ExportFolder\"+$_.InternetMessageID+".eml"

$Temp=$Temp.Replace("<","_")

$Temp=$Temp.Replace(">","_")

Export-Message $_.Identity | AssembleMessage -Path $Temp}
