# Example 1
Get-ReportSubmissionPolicy
