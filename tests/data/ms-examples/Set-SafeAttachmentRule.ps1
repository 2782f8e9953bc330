# Example 1
Set-SafeAttachmentRule -Identity "Engineering Department Attachment Rule" -ExceptIfRecipientDomainIs fabrikam.com
