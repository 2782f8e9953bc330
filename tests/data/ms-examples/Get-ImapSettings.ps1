# Example 1
Get-IMAPSettings -Server MBX01
