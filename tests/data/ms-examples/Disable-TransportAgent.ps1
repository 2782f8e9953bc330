# Example 1
Disable-TransportAgent "Test App" -TransportService Hub
