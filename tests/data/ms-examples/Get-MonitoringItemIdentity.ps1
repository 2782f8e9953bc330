# Example 1
Get-MonitoringItemIdentity -Identity OutlookMapiHttp.Proxy -Server ExchSrv01
