# Example 1
Get-MailboxRegionalConfiguration -Identity "Marcelo Teixeira"
# Example 2
Get-MailboxRegionalConfiguration -Identity "Ella Lack" -DomainController dc01.contoso.com
# Example 3
Get-MailboxRegionalConfiguration -Identity "Alice Jakobsen" -VerifyDefaultFolderNameLanguage | Format-List
