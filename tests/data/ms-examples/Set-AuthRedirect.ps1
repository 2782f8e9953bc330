# Example 1
Set-AuthRedirect -Identity AuthRedirect-Bearer-C0B7AC3F-FE64-4B4B-A907-9226F8027CCE -TargetUrl https://mbx01.contoso.com
# Example 2
Get-AuthRedirect | Set-AuthRedirect -TargetUrl https://mbx01.contoso.com
