# Example 1
Get-UMService
# Example 2
Get-UMService -Identity MBX01 | Format-List
