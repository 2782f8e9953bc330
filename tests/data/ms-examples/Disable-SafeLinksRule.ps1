# Example 1
Disable-SafeLinksRule -Identity "Engineering Department URL Rule"
