# Example 1
Get-PendingDelicenseUser | Format-Table DisplayName,UserPrincipalName,WhenDueForDelicensingUTC
# Example 2
Get-PendingDelicenseUser -Identity yajvendra@contoso.onmicrosoft.com
# Example 3
Get-PendingDelicenseUser -ShowDueObjectsOnly | Format-Table DisplayName,UserPrincipalName,WhenDueForDelicensingUTC
