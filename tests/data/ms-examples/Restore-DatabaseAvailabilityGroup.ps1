# Example 1
Restore-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Portland
# Example 2
Restore-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Redmond -AlternateWitnessServer CAS4 -AlternateWitnessDirectory D:\DAG1
