# Example 1
Get-Clutter -Identity "Constancia Pena"
