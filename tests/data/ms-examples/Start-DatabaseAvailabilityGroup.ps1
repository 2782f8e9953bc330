# Example 1
Start-DatabaseAvailabilityGroup -Identity DAG1 -MailboxServer MBX2
# Example 2
Start-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Redmond
