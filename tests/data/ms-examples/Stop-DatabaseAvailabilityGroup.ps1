# Example 1
Stop-DatabaseAvailabilityGroup -Identity DAG1 -MailboxServer MBX2
# Example 2
Stop-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Redmond
# Example 3
Stop-DatabaseAvailabilityGroup -Identity DAG2 -MailboxServer MBX3 -ConfigurationOnly
