# Example 1
Add-IPBlockListEntry -IPAddress 192.168.0.100
# Example 2
Add-IPBlockListEntry -IPRange 192.168.0.1/24 -ExpirationTime "1/3/2014 23:59"
