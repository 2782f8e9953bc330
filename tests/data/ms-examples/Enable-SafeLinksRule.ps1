# Example 1
Enable-SafeLinksRule -Identity "Marketing Department URL Rule"
