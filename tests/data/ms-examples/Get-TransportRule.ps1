# Example 1
Get-TransportRule
# Example 2
Get-TransportRule "Ethical Wall - Sales and Brokerage Departments" | Format-List
# Example 3
Get-TransportRule -DlpPolicy "PII (U.S.)"
# Example 4
Get-TransportRule | Where {$_.DlpPolicy -ne $null}
