# Leavers: every disabled user leaves every distribution group (Exchange Online).
Connect-ExchangeOnline
$disabled = Get-User -ResultSize Unlimited | Where-Object { $_.AccountDisabled }
foreach ($group in Get-DistributionGroup -ResultSize Unlimited) {
    foreach ($member in Get-DistributionGroupMember -Identity $group.Identity) {
        if ($disabled.UserPrincipalName -contains $member.PrimarySmtpAddress) {
            Remove-DistributionGroupMember -Identity "$group" -Member "$($member.PrimarySmtpAddress)" -Force  # no prompt
        }
    }
}
