# Example 1
Set-M365DataAtRestEncryptionPolicyAssignment -DataEncryptionPolicy "Contoso Corporate"
