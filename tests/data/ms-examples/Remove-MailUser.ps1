# Example 1
Remove-MailUser -Identity "Ed Meadows"
