# Example 1
Get-OutlookAnywhere -Server MBX01
# Example 2
Get-OutlookAnywhere -Identity "EXCH01\Rpc (Default Web Site)"
