# Example 1
Enable-MailPublicFolder "\My Public Folder"
# Example 2
Enable-MailPublicFolder "\Marketing\Reports"
