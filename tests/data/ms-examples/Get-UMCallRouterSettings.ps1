# Example 1
Get-UMCallRouterSettings
# Example 2
Get-UMCallRouterSettings -Server EXCH01 | Format-List
