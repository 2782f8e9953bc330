# Example 1
Get-MailboxSpellingConfiguration -Identity Tony
# Example 2
Get-MailboxSpellingConfiguration -Identity Tony -DomainController DC1
# Example 3
Get-MailboxSpellingConfiguration -Identity contoso\tony
