# Example 1
Disable-UMServer -Identity MyUMServer
# Example 2
Disable-UMServer -Identity MyUMServer -Immediate $true
