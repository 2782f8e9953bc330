# Example 1
Set-OwaMailboxPolicy -Identity EMEA\Contoso\Corporate -CalendarEnabled $false
# Example 2
Set-OwaMailboxPolicy -Identity Default -TasksEnabled $false
# Example 3
Set-OwaMailboxPolicy -Identity OwaMailboxPolicy-Default -AllowedFileTypes '.doc', '.pdf'
# Example 4
Set-OwaMailboxPolicy -Identity OwaMailboxPolicy-Default -UserVoiceEnabled $false
# Example 5
Set-OwaMailboxPolicy -Identity "Default-OwaMailboxPolicy" -AllowedOrganizationAccountDomains $null
# Example 6
Set-OwaMailboxPolicy -Identity "Default-OwaMailboxPolicy" -AllowedOrganizationAccountDomains "fabrikam.com","contoso.com"
