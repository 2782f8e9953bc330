# Example 1
New-EOPProtectionPolicyRule -Name "Standard Preset Security Policy" -AntiPhishPolicy "Standard Preset Security Policy1622650005393" -HostedContentFilterPolicy "Standard Preset Security Policy1622650006407" -MalwareFilterPolicy "Standard Preset Security Policy1622650007658" Priority 1
