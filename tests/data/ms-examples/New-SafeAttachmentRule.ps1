# Example 1
New-SafeAttachmentRule -Name "Research Department Attachment Rule" -SafeAttachmentPolicy "Research Block Attachments" -SentToMemberOf "Research Department" -ExceptIfSentToMemberOf "Research Department Managers"
