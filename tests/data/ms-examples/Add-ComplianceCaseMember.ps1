# Example 1
Add-ComplianceCaseMember -Case "Case 2112" -Member johnevans@contoso.com
