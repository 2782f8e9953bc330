# Example 1
Get-ComplianceCaseMember -Case "Fabrikam Litigation"
