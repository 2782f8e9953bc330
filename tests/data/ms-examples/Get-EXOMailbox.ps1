# Example 1
Get-EXOMailbox -ResultSize unlimited
# Example 2
Get-EXOMailbox -PropertySets Archive
# Example 3
Get-EXOMailbox -Properties Name,DistinguishedName,Guid -PropertySets Archive,Audit
# Example 4
Get-EXOMailbox -Identity John@contoso.com -Properties DisplayName,EmailAddresses,Alias
