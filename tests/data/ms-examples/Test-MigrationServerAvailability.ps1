# Example 1
Test-MigrationServerAvailability -Imap -RemoteServer imap.contoso.com -Port 143
# Example 2
$Credentials = Get-Credential

Test-MigrationServerAvailability -ExchangeOutlookAnywhere -Autodiscover -EmailAddress administrator@contoso.com -Credentials $Credentials
# Example 3
$Credentials = Get-Credential

Test-MigrationServerAvailability -ExchangeOutlookAnywhere -ExchangeServer exch2k3.contoso.com -Credentials $Credentials -RPCProxyServer mail.contoso.com -Authentication NTLM
# Example 4
Test-MigrationServerAvailability -Endpoint endpoint.contoso.com
# Example 5
$MRSEndpoints = (Get-MigrationEndpoint).Identity

Foreach ($MEP in $MRSEndpoints) {Test-MigrationServerAvailability -Endpoint $MEP}
