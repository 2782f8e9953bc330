# Example 1
Disable-ReportSubmissionRule -Identity DefaultReportSubmissionRule.
