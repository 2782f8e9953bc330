Param([Parameter(Position=0, Mandatory=$true, ValueFromPipeline=$true)][string] $Box)
Get-MailboxPermission -Identity $Box | Where-Object { $_.User.ToString() -ne "NT AUTHORITY\SELF" -and $_.IsInherited -eq $false } | Select-Object Identity, User, AccessRights
Get-RecipientPermission $Box -AccessRights SendAs | Where-Object { $_.Trustee.ToString() -ne "NT AUTHORITY\SELF" } | Select-Object Identity, Trustee, AccessRights
Get-Mailbox $Box | Select-Object -Expand GrantSendOnBehalfTo
