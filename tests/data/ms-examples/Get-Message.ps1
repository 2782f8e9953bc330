# Example 1
Get-Message -Filter "FromAddress -like '*@contoso.com'" | Format-List
# Example 2
Get-Message -Filter "FromAddress -like '*@contoso.com' -and SCL -gt 3"
# Example 3
Get-Message -Server Server01.contoso.com -SortOrder: +FromAddress,-Size
