# Send As and delegation during a hybrid migration: the on-premises half and the cloud half.

# Cloud
Get-DistributionGroup "Payroll Team" | Add-RecipientPermission -Trustee "cloud.admin" -AccessRights SendAs
# On-premises
Get-DistributionGroup "Payroll Team" | Set-DistributionGroup -GrantSendOnBehalfTo "desk02"

# On-premises
Add-ADPermission DeskMailbox -ExtendedRights "Send As" -User jdoe
Get-Mailbox DeskMailbox | Add-ADPermission -ExtendedRights "Send As" -User jdoe

# Cloud
Get-Mailbox “desk01” | Add-RecipientPermission -Trustee "cloud.admin" -AccessRights SendAs
Get-Mailbox “desk01” | Add-MailboxPermission -User "cloud.admin" -AccessRights FullAccess
Get-Mailbox “desk01” | Set-Mailbox -GrantSendOnBehalfTo "cloud.admin"
