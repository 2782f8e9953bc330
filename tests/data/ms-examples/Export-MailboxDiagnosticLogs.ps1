# Example 1
Export-MailboxDiagnosticLogs -ComponentName OOF -Identity JohnSmith
# Example 2
Export-MailboxDiagnosticLogs -ComponentName CalendarPermissions -Identity "Yuuto Sasaki"
