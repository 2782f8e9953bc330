# Example 1
Enable-UMServer -Identity MyUMServer
