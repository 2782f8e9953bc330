# Example 1
Get-SystemMessage
# Example 2
Get-SystemMessage En\Internal\5.3.2 | Format-List
# Example 3
Get-SystemMessage En\WarningMailbox | Format-List
# Example 4
Get-SystemMessage -Original | Select-Object -Property Identity,DsnCode,Language,Text | ConvertTo-Html | Set-Content -Path "C:\My Documents\Default System Messages.html"
