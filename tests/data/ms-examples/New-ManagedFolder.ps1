# Example 1
New-ManagedFolder -Name NewFolder -FolderName "New Folder" -StorageQuota "1 MB"
# Example 2
New-ManagedFolder -Name MyFolder -FolderName "My Folder" -LocalizedFolderName Spanish:"Mi Carpeta", French:"Mon Dossier" -Comment "My comment" -LocalizedComment Spanish:"Mi comentario", French:"Mon annotation"
# Example 3
New-ManagedFolder -Name AnotherInbox -DefaultFolderType Inbox
