# Example 1
Enable-SafeAttachmentRule -Identity "Marketing Department Attachment Rule"
