# Example 1
Get-SupervisoryReviewOverallProgressReport | ft Pending, Resolved, Compliant, Noncompliant, Questionable
