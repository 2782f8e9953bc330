# Example 1
Get-OMEConfiguration
# Example 2
Get-OMEConfiguration | Format-List
