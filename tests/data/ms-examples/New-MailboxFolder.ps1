# Example 1
New-MailboxFolder -Parent :\Inbox -Name Personal
# Example 2
New-MailboxFolder -Parent :\ -Name Personal
