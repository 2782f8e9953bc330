@{
    # Test support only: see ExchangeOnlineManagement.psm1.
    RootModule        = 'ExchangeOnlineManagement.psm1'
    ModuleVersion     = '3.0.0'
    GUID              = 'c3a1e0d2-8b4f-4a6e-9f1d-5e2b7c9a0d13'
    Author            = 'mbxctl tests'
    Description       = 'Stand-in for ExchangeOnlineManagement, for mbxctl tests.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Connect-ExchangeOnline', 'Disconnect-ExchangeOnline')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
