# Example 1
Add-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer MBX1
