# Example 1
Set-ClientAccessArray -Identity "ContosoArray" -Name "CASArray"
# Example 2
Set-ClientAccessArray -Identity "ContosoArray" -FQDN "casarrayeu.contoso.com"
# Example 3
Set-ClientAccessArray -Identity "ContosoArray" -Site "SiteEU"
