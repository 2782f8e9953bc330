# Example 1
New-ATPProtectionPolicyRule -Name "Standard Preset Security Policy" -SafeAttachmentPolicy "Standard Preset Security Policy1622650008019" -SafeLinksRule "Standard Preset Security Policy1622650008534" Priority 1
