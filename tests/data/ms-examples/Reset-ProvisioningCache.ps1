# Example 1
Reset-ProvisioningCache -Server EXSRV1.contoso.com -Application Powershell -GlobalCache
# Example 2
Reset-ProvisioningCache -Application Powershell-Proxy -Server datacenter1.adatum.com -GlobalCache
