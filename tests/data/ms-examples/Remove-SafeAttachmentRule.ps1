# Example 1
Remove-SafeAttachmentRule -Identity "Research Department Attachment Rule"
