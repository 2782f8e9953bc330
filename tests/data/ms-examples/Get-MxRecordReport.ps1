# Example 1
Get-MxRecordReport -Domain contoso.com
