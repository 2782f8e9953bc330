# Example 1
Get-RpcClientAccess
# Example 2
Get-RpcClientAccess -Server ENT01 | Format-List
