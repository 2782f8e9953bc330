function Switch-HybridRelay {
    # Run from the Exchange Management Shell of a hybrid server; Exchange Online is
    # reached through a session imported with the EXO prefix.
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('North', 'South')]
        $Region
    )
    Try {
        Get-EXOAcceptedDomain -ErrorAction Stop | Out-Null
    }
    Catch {
        Write-Host "Connect first: Connect-ExchangeOnline -Prefix EXO"
        Connect-ExchangeOnline
    }
    $HybridSplat = @{ OnPremisesSmartHost = 'relay-north.fabrikam.net' }
    $SendSplat = @{ Identity = 'To Exchange Online' }
    $CloudSplat = @{ Identity = 'From on-premises' }
    if ($Region -eq 'South') {
        $HybridSplat['OnPremisesSmartHost'] = 'relay-south.fabrikam.net'
        $SendSplat['SourceTransportServers'] = 'SOUTH-HYB1'
        $CloudSplat['SmartHosts'] = 'relay-south.fabrikam.net'
    }
    Set-HybridConfiguration @HybridSplat
    Set-SendConnector @SendSplat
    Set-EXOOutboundConnector @CloudSplat
    Get-HybridConfiguration | Format-List
    Get-SendConnector -Identity 'To Exchange Online' | Format-List
    Get-EXOOutboundConnector -Identity 'From on-premises' | Format-List
}
