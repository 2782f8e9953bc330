# Example 1
Get-ContentFilterConfig | Format-List
