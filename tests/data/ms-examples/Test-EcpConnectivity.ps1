# Example 1
Test-EcpConnectivity -ClientAccessServer Server01
