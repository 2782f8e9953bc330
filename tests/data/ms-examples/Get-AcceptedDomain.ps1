# Example 1
Get-AcceptedDomain
# Example 2
Get-AcceptedDomain | Where{$_.DomainType -eq 'Authoritative'}
