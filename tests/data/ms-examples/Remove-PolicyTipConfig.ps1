# Example 1
Remove-PolicyTipConfig en\NotifyOnly
# Example 2
Get-PolicyTipConfig -Locale ru | Remove-PolicyTipConfig
