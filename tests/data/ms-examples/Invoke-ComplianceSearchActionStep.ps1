# Example 1
Invoke-ComplianceSearchActionStep
