# Example 1
Update-PublicFolderMailbox -Identity PF_marketing
# Example 2
Get-Mailbox -PublicFolder | Update-PublicFolderMailbox
