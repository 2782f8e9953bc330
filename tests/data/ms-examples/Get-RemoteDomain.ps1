# Example 1
Get-RemoteDomain
# Example 2
Get-RemoteDomain -Identity Contoso | Format-List
# Example 3
Get-RemoteDomain | Where {$_.TNEFEnabled -eq $false}
