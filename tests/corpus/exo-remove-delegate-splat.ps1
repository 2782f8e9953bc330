param([string]$Delegate, [string]$Right = "FullAccess")
if (-not (Get-PSSession | Where-Object { $_.ConfigurationName -eq 'Microsoft.Exchange' -and $_.State -eq 'Opened' })) { Connect-ExchangeOnline }
foreach ($m in Get-Mailbox -ResultSize Unlimited -ErrorAction Stop) {
    $has = Get-MailboxPermission -Identity $m.Identity -User $Delegate -ErrorAction SilentlyContinue | Where-Object { $_.AccessRights -contains $Right }
    if ($has) {
        $p = @{ Identity = $m.Identity; User = $Delegate; AccessRights = $Right; InheritanceType = "All"; Confirm = $false }
        Remove-MailboxPermission @p -ErrorAction Stop
    }
}
