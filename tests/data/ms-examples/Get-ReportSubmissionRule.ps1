# Example 1
Get-ReportSubmissionRule
