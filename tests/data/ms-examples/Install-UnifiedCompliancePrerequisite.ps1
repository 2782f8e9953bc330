# Example 1
Install-UnifiedCompliancePrerequisite
# Example 2
Install-UnifiedCompliancePrerequisite -LoadOnly
# Example 3
Install-UnifiedCompliancePrerequisite -ForceInitialize
