# Example 1
Set-SafeLinksRule -Identity "Engineering Department URL Rule" -ExceptIfRecipientDomainIs fabrikam.com
# Example 2
Set-SafeLinksRule -Identity "Contoso All" -RecipientDomainIs (Get-AcceptedDomain).Name
# Example 3
$Data = Import-Csv -Path "C:\Data\SafeLinksDomains.csv"

$SLDomains = $Data.Domains

Set-SafeLinksRule -Identity "Contoso All" -RecipientDomainIs $SLDomains
