# Example 1
Enable-UMService -Identity MyUMServer
