foreach ($u in Get-Content .\users.txt) {
    try {
        Set-Mailbox -Identity $u -ForwardingAddress $null -ForwardingSmtpAddress $null -DeliverToMailboxAndForward $false -ErrorAction Stop
    } catch { Write-Warning "$u : $_" }
}
