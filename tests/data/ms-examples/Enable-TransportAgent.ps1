# Example 1
Enable-TransportAgent "Test App" -TransportService Hub
