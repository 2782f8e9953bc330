Connect-ExchangeOnline -ShowBanner:$False
$group = "all-staff@contoso.com"
$now = Get-DistributionGroupMember -Identity $group -ResultSize Unlimited | Select-Object -ExpandProperty PrimarySmtpAddress
Import-Csv .\members.csv | ForEach-Object {
    if ($now -notcontains $_.UPN) { Add-DistributionGroupMember -Identity $group -Member $_.UPN }
}
