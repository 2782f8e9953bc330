# Example 1
$data = [System.IO.File]::ReadAllBytes('C:\Data\test.eml')

Test-Message -MessageFileData $data -Sender megan@contoso.com -Recipients adele@contoso.com -SendReportTo admin@contoso.com -TransportRules -UnifiedDlpRules
