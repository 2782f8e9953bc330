# Example 1
Remove-ATPProtectionPolicyRule -Identity "Standard Preset Security Policy"
