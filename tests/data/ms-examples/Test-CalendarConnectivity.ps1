# Example 1
Test-CalendarConnectivity -ClientAccessServer MBX01
