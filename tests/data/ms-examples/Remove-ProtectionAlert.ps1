# Example 1
Remove-ProtectionAlert -Identity "External User File Activities"
