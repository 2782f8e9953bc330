# Example 1
Set-TransportRule "Sales Team Disclaimer" -FromMemberOf "Sales Department"
