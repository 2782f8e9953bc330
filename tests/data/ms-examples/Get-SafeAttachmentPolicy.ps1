# Example 1
Get-SafeAttachmentPolicy
# Example 2
Get-SafeAttachmentPolicy -Identity Default | Format-List
