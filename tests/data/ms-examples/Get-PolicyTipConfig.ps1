# Example 1
Get-PolicyTipConfig -Action NotifyOnly
# Example 2
Get-PolicyTipConfig -Original -Locale fr
# Example 3
Get-PolicyTipConfig en\RejectOverride | Format-List
