# Example 1
Disable-UMService -Identity MyUMServer
# Example 2
Disable-UMService -Identity MyUMServer -Immediate $true
