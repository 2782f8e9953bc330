# Example 1
New-ATPBuiltInProtectionRule -SafeAttachmentPolicy "Built-In Protection Policy" -SafeLinksPolicy "Built-In Protection Policy"
