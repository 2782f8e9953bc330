# Example 1
Test-ReplicationHealth -Identity MBX1
