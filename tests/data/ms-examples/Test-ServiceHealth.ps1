# Example 1
Test-ServiceHealth
