# Example 1
Remove-OutlookProvider -Identity "Test Object"
