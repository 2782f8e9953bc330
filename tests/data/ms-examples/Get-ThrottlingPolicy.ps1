# Example 1
Get-ThrottlingPolicy | Format-List
# Example 2
Get-ThrottlingPolicy -Identity ThrottlingPolicy2 | Format-List
