# Example 1
Get-ATPProtectionPolicyRule | Format-Table Name,State
# Example 2
Get-ATPProtectionPolicyRule -Identity "Strict Preset Security Policy"
