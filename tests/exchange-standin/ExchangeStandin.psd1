@{
    # Test support: an Exchange stand-in for mbxctl's real-PowerShell tests (see ExchangeStandin.psm1).
    RootModule        = 'ExchangeStandin.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '6f1d9a3e-5c0b-4f7e-9d43-2a8b7c1e0f55'
    Author            = 'mbxctl'
    Description       = 'Exchange cmdlets over a JSON organisation file, for tests.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-Mailbox', 'Set-Mailbox', 'Get-MailboxStatistics', 'Get-Recipient', 'Get-User', 'Get-RemoteMailbox', 'Set-RemoteMailbox',
        'Get-MailboxPermission', 'Add-MailboxPermission', 'Remove-MailboxPermission', 'Get-ADPermission', 'Add-ADPermission',
        'Remove-ADPermission', 'Get-ExchangeServer', 'Get-ManagementRoleAssignment', 'Get-EXOMailbox')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
