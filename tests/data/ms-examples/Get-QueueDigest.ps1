# Example 1
Get-QueueDigest -Forest
# Example 2
Get-QueueDigest -Dag DAG01
