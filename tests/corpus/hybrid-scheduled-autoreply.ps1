Set-MailboxAutoReplyConfiguration -Identity "HR" `
    -AutoReplyState Scheduled `
    -StartTime "2026-12-21 08:00" `
    -EndTime "2027-01-04 17:00" `
    -InternalMessage "HR is away over the holidays." `
    -ExternalMessage "Thanks, HR will answer in January."
