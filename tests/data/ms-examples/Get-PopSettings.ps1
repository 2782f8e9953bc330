# Example 1
Get-POPSettings
# Example 2
Get-POPSettings -Server MBX01 | Format-List
