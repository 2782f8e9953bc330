# Example 1
New-RetentionPolicy "Business General"
# Example 2
New-RetentionPolicy "Business General" -RetentionPolicyTagLinks "General Business","Legal"
