# Example 1
Test-MapiConnectivity -Server "Server01"
# Example 2
Test-MapiConnectivity -Identity "midwest\john"
