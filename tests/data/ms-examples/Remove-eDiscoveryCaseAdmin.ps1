# Example 1
Remove-eDiscoveryCaseAdmin -User chris@contoso.com
