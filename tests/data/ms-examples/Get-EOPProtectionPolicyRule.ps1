# Example 1
Get-EOPProtectionPolicyRule | Format-Table Name,State
# Example 2
Get-EOPProtectionPolicyRule -Identity "Strict Preset Security Policy"
