# Example 1
Add-eDiscoveryCaseAdmin -User michelle@contoso.com
