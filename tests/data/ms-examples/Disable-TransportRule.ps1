# Example 1
Disable-TransportRule -Identity "Sales Disclaimer"
