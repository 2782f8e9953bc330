# Example 1
Get-GlobalMonitoringOverride
# Example 2
Get-GlobalMonitoringOverride | Format-List
