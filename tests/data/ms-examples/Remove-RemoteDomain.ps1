# Example 1
Remove-RemoteDomain Contoso
