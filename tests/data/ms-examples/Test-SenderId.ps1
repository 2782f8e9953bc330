# Example 1
Test-SenderId -IPAddress 192.168.0.1 -PurportedResponsibleDomain contoso.com
