# Example 1
Set-ReportSubmissionRule -Identity DefaultReportSubmissionRule -SentTo "userreportedmessages@contoso.onmicrosoft.com"
