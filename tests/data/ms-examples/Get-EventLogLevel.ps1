# Example 1
Get-EventLogLevel -Server "Exchange01"
