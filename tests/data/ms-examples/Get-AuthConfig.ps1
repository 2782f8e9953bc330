# Example 1
Get-AuthConfig | Format-List
