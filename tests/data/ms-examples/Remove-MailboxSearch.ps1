# Example 1
Remove-MailboxSearch -Identity "Project Contoso"
