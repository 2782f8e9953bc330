# Example 1
Enable-ReportSubmissionRule -Identity DefaultReportSubmissionRule.
