# Example 1
Set-PublicFolder "\Customer Service Requests" -UseDatabaseReplicationSchedule $false
# Example 2
Set-PublicFolder "\Customer Service Requests" -OverrideContentMailbox North_America
# Example 3
Set-PublicFolder \MyPublicFolder -ReplicationSchedule "Saturday.12:00 AM-Monday.12:00 AM"
