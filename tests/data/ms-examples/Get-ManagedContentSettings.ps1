# Example 1
Get-ManagedContentSettings | Format-List
# Example 2
Get-ManagedContentSettings -Identity "Inbox Settings"
# Example 3
Get-ManagedContentSettings -FolderName "Inbox"
