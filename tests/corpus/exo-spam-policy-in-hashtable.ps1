Connect-ExchangeOnline -ShowBanner:$false
$checks = @(
    @{ Name = "Outbound spam policy"; Cmd = { Get-HostedOutboundSpamFilterPolicy }; Critical = $true },
    @{ Name = "Remote domains"; Cmd = { Get-RemoteDomain }; Critical = $false }
)
foreach ($c in $checks) {
    $result = & $c.Cmd
    Write-Host "$($c.Name): $(@($result).Count) item(s)"
}
$auto = Get-HostedOutboundSpamFilterPolicy | ? { $_.AutoForwardingMode -eq "On" } | select Name, IsDefault
