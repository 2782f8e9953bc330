# Example 1
Set-RpcClientAccess -Server MBX01 -BlockedClientVersions 14.0.0-14.32767.65535
# Example 2
Set-RpcClientAccess -Server MBX01 -BlockedClientVersions 15.0.0-15.4737.999
