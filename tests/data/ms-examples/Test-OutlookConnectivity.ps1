# Example 1
Test-OutlookConnectivity -ProbeIdentity OutlookMapiHttp.Protocol\OutlookMapiHttpSelfTestProbe
# Example 2
Test-OutlookConnectivity "Outlook.Protocol\OutlookRpcDeepTestProbe\Mailbox Database 1234512345" -RunFromServerId PrimaryMailbox -MailboxId johnd@contoso.com
# Example 3
Test-OutlookConnectivity -Protocol HTTP -GetDefaultsFromAutoDiscover $true
# Example 4
Test-OutlookConnectivity -RpcProxyTestType:Internal -RpcTestType:Server
# Example 5
Test-OutlookConnectivity -RpcProxyServer RpcProxySrv01 -RpcProxyAuthenticationType Basic -RpcClientAccessServer CAS01 -RpcAuthenticationType NTLM
