# Example 1
New-ClientAccessArray -Fqdn casarray01.contoso.com -Site "Redmond"
# Example 2
New-ClientAccessArray -Fqdn casarrayap.contoso.com -Site "China" -Name "China CAS Array"
