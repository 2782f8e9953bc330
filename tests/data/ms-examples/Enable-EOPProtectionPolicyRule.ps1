# Example 1
Enable-EOPProtectionPolicyRule -Identity "Standard Preset Security Policy"
# Example 2
Enable-EOPProtectionPolicyRule -Identity "Standard Preset Security Policy"; Enable-ATPProtectionPolicyRule -Identity "Standard Preset Security Policy"
