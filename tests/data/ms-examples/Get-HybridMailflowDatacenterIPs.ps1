# Example 1
Get-HybridMailflowDatacenterIPs
