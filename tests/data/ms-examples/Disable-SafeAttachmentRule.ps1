# Example 1
Disable-SafeAttachmentRule -Identity "Engineering Department Attachment Rule"
