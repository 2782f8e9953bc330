Get-User -ResultSize Unlimited | Where-Object { ($_.RecipientTypeDetails -eq 'UserMailbox') -and ($_.Title -ne ‘Exchange Admin’) } | Set-CASMailbox -OWAEnabled $False
