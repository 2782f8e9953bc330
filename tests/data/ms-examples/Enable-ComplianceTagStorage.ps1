# Example 1
Enable-ComplianceTagStorage
