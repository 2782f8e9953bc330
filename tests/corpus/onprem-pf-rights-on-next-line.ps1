# Public folder permissions for one user, recursively, from a menu (Exchange 2010 shell).
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010
$PublicFolderPath = Read-Host "Public folder path"
$User = Read-Host "User"
$Role = Read-Host "1 Author, 2 Reviewer, 3 PublishingAuthor"
Switch ($Role) {
  1{Get-PublicFolder –Identity "$PublicFolderPath" –Recurse | Add-PublicFolderClientPermission –User "$User" –AccessRights "Author"}
  2{Get-PublicFolder –Identity "$PublicFolderPath" –Recurse | Add-PublicFolderClientPermission –User "$User" –AccessRights "Reviewer"}
  3{Get-PublicFolder –Identity "$PublicFolderPath" –Recurse | Add-PublicFolderClientPermission –User "$User" –AccessRights 

"PublishingAuthor"}
}
