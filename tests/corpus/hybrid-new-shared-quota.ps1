function New-TeamMailbox($Alias = (Read-Host "Alias"), $DisplayName = (Read-Host "Display name")) {
    if (!$Alias) { Write-Error "No alias."; return }
    New-Mailbox -Name $DisplayName -Alias $Alias -Shared
    Set-Mailbox $Alias -ProhibitSendReceiveQuota 5GB `
                       -ProhibitSendQuota 4.75GB `
                       -IssueWarningQuota 4.5GB
}
