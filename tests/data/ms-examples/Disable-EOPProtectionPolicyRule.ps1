# Example 1
Disable-EOPProtectionPolicyRule -Identity "Standard Preset Security Policy"
# Example 2
Disable-EOPProtectionPolicyRule -Identity "Standard Preset Security Policy"; Disable-ATPProtectionPolicyRule -Identity "Standard Preset Security Policy"
