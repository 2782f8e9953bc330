# Example 1
Remove-ComplianceCaseMember -Case "Case OU812" -Member "Jan Dryml"
