@{
    RootModule           = 'MbxCtl.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '42a393a5-eb87-494e-a441-a335bc07d5a6'
    Author               = 'mbxctl maintainers'
    CompanyName          = 'mbxctl'
    Copyright            = '(c) mbxctl maintainers. MIT License.'
    Description          = 'Convert Exchange mailboxes to shared and back, safely, as PowerShell cmdlets: pre-flight checks, -WhatIf dry runs with the exact commands, journaled batches from CSV or Get-Mailbox with resume and undo, and a hybrid audit. A thin layer over the mbxctl binary and its versioned JSON output; works against a simulated Exchange LAB without Exchange.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('MbxCtl.Format.ps1xml')
    FunctionsToExport    = @(
        'Convert-MbxMailbox',
        'Test-MbxConversion',
        'Get-MbxRun',
        'Resume-MbxRun',
        'Undo-MbxRun',
        'Format-MbxCommand',
        'Test-MbxScript',
        'Get-MbxCmdletInfo',
        'Test-MbxSession',
        'Invoke-MbxHybridAudit'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Exchange', 'ExchangeOnline', 'Hybrid', 'SharedMailbox', 'Mailbox', 'Runbook', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            LicenseUri   = 'https://github.com/mbxctl/mbxctl/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/mbxctl/mbxctl'
            ReleaseNotes = 'First release: reads mbxctl JSON schema version 1.'
        }
    }
}
