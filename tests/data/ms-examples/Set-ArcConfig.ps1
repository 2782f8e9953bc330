# Example 1
Set-ArcConfig -Identity Default -ArcTrustedSealers fabrikam.com
# Example 2
$DomainsAdd = @(Get-ArcConfig | select -Expand ArcTrustedSealers)

$DomainsAdd += "cohovineyard.com","tailspintoys.com"

Set-ArcConfig -Identity Default -ArcTrustedSealers $DomainsAdd
# Example 3
$x = @(Get-ArcConfig | select -Expand ArcTrustedSealers)

$y = $x.Split(",")

$DomainsRemove = [System.Collections.ArrayList]($y)

$DomainsRemove

$DomainsRemove.RemoveAt(6)

Set-ArcConfig -Identity Default -ArcTrustedSealers $DomainsRemove
# Example 4
$arcSealer = 'fabrikam.com'
$x = @(Get-ArcConfig | Select-Object -Expand ArcTrustedSealers)

$y = @($x.Split(","))
$DomainsRemove = [System.Collections.ArrayList]($y)
$DomainsRemove.Remove($arcSealer)

if ($DomainsToRemove.Count -eq 0) {
   Set-ArcConfig -Identity Default -ArcTrustedSealers " "
   }
else {
   Set-ArcConfig -Identity Default -ArcTrustedSealers $DomainsRemove
   }
