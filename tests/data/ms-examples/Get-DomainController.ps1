# Example 1
$UserCredentials = Get-Credential

Get-DomainController -DomainName corp.contoso.com -Credential $UserCredentials | Format-Table -AutoSize Name,ADSite
