# Example 1
Set-ADServerSettings -RecipientViewRoot "contoso.com/Marketing Users"
# Example 2
Set-ADServerSettings -ViewEntireForest $true -PreferredGlobalCatalog gc1.contoso.com
