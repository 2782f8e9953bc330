# Example 1
Remove-WebServicesVirtualDirectory -Identity MBX01\Sales
