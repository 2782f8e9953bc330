# Example 1
$Temp = Search-MessageTrackingReport -Identity "David Jones" -Recipients "wendy@contoso.com"

foreach ($reportId in $Temp.MessageTrackingReportId) {
    Get-MessageTrackingReport -Identity $reportId -ReportTemplate Summary -Status Delivered
}
# Example 2
Search-MessageTrackingReport -Identity "Cigdem Akin" -Sender "joe@contoso.com" -ByPassDelegateChecking -DoNotResolve | ForEach-Object { Get-MessageTrackingReport -Identity $_.MessageTrackingReportID -DetailLevel Verbose -BypassDelegateChecking -DoNotResolve -RecipientPathFilter "cigdem@fabrikam.com" -ReportTemplate RecipientPath }
