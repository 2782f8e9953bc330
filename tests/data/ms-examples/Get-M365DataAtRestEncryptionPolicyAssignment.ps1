# Example 1
Get-M365DataAtRestEncryptionPolicyAssignment
# Example 2
Get-M365DataAtRestEncryptionPolicyAssignment | Format-List
