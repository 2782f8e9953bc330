# Example 1
Set-UnifiedGroup -Identity "Marketing Department" -PrimarySmtpAddress marketing@contoso.com -RequireSenderAuthenticationEnabled $false
# Example 2
Set-UnifiedGroup -Identity "Legal Department" -AccessType Private
