# Example 1
Set-SafeAttachmentsPolicy -Identity "Engineering Block Attachments" -QuarantineTag ContosoLimitedAccess
