[CmdletBinding(SupportsShouldProcess)]
param()
Connect-ExchangeOnline
foreach ($m in Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox) {
    Set-Clutter -Identity $m.PrimarySmtpAddress `
                -Enable $true `
                -WhatIf:$WhatIfPreference `
                -ErrorAction SilentlyContinue
}
