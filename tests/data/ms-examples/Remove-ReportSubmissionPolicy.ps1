# Example 1
Remove-ReportSubmissionPolicy -Identity DefaultReportSubmissionPolicy
