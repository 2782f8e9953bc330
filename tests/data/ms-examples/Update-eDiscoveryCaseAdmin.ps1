# Example 1
Update-eDiscoveryCaseAdmin -Users laura@contoso.com,julia@contoso.com
