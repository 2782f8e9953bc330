# Example 1
Remove-AuthRedirect -Identity AuthRedirect-Bearer-C0B7AC3F-FE64-4B4B-A907-9226F8027CCE
# Example 2
Get-AuthRedirect | Remove-AuthRedirect
