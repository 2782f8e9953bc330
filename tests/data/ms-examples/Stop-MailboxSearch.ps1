# Example 1
Stop-MailboxSearch -Identity "Project Contoso"
