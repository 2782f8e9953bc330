# Example 1
Set-MailboxSearch -Identity "Legal-ProjectX" -StartDate "01/01/2017"
# Example 2
Set-MailboxSearch -Identity "Legal-ProjectX" -AllPublicFolderSources $true
