# Example 1
Set-PolicyTipConfig en\NotifyOnly "This message contains content that is restricted by Contoso company policy."
# Example 2
Get-PolicyTipConfig -Locale es | Set-PolicyTipConfig -Value "Este mensaje contiene contenido que está restringida por la política de Contoso."
