# Example 1
Get-ExchangeDiagnosticInfo
# Example 2
[xml]$edi = Get-ExchangeDiagnosticInfo

$edi.Diagnostics.Processlocator.Process | Format-Table -Auto Name,ID,Guid
