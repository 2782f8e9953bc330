# Example 1
Test-WebServicesConnectivity -AllowUnsecureAccess
# Example 2
Test-WebServicesConnectivity -ClientAccessServer MBX01
