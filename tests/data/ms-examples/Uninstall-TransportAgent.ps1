# Example 1
Uninstall-TransportAgent "Test App" -TransportService Hub
