# Example 1
Remove-DatabaseAvailabilityGroupServer -Identity DAG3 -MailboxServer MBX1
# Example 2
Remove-DatabaseAvailabilityGroupServer -Identity DAG2 -MailboxServer MBX4 -ConfigurationOnly
