# Example 1
Remove-RpcClientAccess -Server CAS01
