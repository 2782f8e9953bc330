# Example 1
New-RpcClientAccess -Server CAS01
