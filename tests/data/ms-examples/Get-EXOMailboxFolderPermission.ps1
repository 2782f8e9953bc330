# Example 1
Get-EXOMailboxFolderPermission -Identity john@contoso.com:\Marketing\Reports
# Example 2
Get-EXOMailboxFolderPermission -Identity john@contoso.com:\Marketing\Reports -User Kim@contoso.com
