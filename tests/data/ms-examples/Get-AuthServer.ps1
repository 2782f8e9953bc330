# Example 1
Get-AuthServer
# Example 2
Get-AuthServer -Identity WindowsAzureAC | Format-List
