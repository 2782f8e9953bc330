# Example 1
Get-SafeAttachmentRule
# Example 2
Get-SafeAttachmentRule -Identity "Research Department Attachment Rule" | Format-List
