# Example 1
Set-MailboxSpellingConfiguration -Identity kai -IgnoreUppercase $true
# Example 2
Set-MailboxSpellingConfiguration -IgnoreMixedDigits $true -Identity kai
