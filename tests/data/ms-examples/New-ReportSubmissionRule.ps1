# Example 1
New-ReportSubmissionRule -Name DefaultReportSubmissionRule -ReportSubmissionPolicy DefaultReportSubmissionPolicy -SentTo "userreportedmessages@contoso.onmicrosoft.com"
