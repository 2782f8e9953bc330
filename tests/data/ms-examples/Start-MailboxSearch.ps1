# Example 1
Start-MailboxSearch -Identity "ProjectContoso"
