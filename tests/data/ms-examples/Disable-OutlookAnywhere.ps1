# Example 1
Disable-OutlookAnywhere -Server CAS01
# Example 2
Disable-OutlookAnywhere -Identity: "exch01\rpc (Default Web Site)"
