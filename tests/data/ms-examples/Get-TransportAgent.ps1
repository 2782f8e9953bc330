# Example 1
Get-TransportAgent
# Example 2
Get-TransportAgent "Transport Rule Agent" -TransportService Hub | Format-List
