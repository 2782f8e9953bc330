# Example 1
Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX1 -MountDialOverride:None
# Example 2
Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -MountDialOverride:GoodAvailability
# Example 3
Move-ActiveMailboxDatabase DB3 -ActivateOnServer MBX4
# Example 4
Move-ActiveMailboxDatabase -Server MBX1
