# Example 1
Remove-SafeAttachmentPolicy -Identity "Block Attachments Policy"
