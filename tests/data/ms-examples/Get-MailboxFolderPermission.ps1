# Example 1
Get-MailboxFolderPermission -Identity john@contoso.com:\Marketing\Reports
# Example 2
Get-MailboxFolderPermission -Identity john@contoso.com:\Marketing\Reports -User Ayla@contoso.com
# Example 3
Get-MailboxFolderPermission -Identity john@contoso.com:\Calendar -User Ayla@contoso.com
