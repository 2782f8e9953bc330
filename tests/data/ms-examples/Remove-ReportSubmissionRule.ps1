# Example 1
Remove-ReportSubmissionRule -Identity DefaultReportSubmissionRule
