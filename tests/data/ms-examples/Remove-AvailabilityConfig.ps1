# Example 1
Remove-AvailabilityConfig
