# Example 1
Remove-EOPProtectionPolicyRule -Identity "Standard Preset Security Policy"
