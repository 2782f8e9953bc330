# Example 1
Set-OutlookProvider -Identity msExchAutoDiscoverConfig -TTL 2
