# Example 1
Get-TransportPipeline
# Example 2
Get-TransportPipeline | Format-List
