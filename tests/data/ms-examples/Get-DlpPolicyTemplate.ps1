# Example 1
Get-DlpPolicyTemplate
# Example 2
Get-DlpPolicyTemplate GLBA | Format-List
