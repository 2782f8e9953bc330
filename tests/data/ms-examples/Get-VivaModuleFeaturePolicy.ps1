# Example 1
Get-VivaModuleFeaturePolicy -ModuleId VivaInsights -FeatureId Reflection
# Example 2
Get-VivaModuleFeaturePolicy -ModuleId VivaInsights -FeatureId Reflection -PolicyId 3db38dfa-02a3-4039-b33a-42b0b3da029b
# Example 3
Get-VivaModuleFeaturePolicy -ModuleId VivaInsights -FeatureId Reflection -MemberIds user1@contoso.com
# Example 4
Get-VivaModuleFeaturePolicy -ModuleId * -FeatureId * -MemberIds user1@contoso.com,group1@contoso.com
