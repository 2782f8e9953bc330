# Example 1
Get-AvailabilityConfig
