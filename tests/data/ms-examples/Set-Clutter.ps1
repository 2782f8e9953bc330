# Example 1
Set-Clutter -Identity "Alexander Martinez" -Enable $false
