# Example 1
Remove-ClientAccessArray -Identity casarray01.contoso.com
