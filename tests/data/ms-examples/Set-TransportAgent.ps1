# Example 1
Set-TransportAgent "Test App" -Priority 3 -TransportService FrontEnd
