# Example 1
Remove-AuthServer AMC
