# Example 1
Get-HealthReport -Identity Mailbox01-RollupGroup
