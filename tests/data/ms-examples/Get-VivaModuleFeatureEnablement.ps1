# Example 1
Get-VivaModuleFeatureEnablement -ModuleId VivaInsights -FeatureId Reflection -Identity user@contoso.com
# Example 2
Get-VivaModuleFeatureEnablement -ModuleId VivaInsights -FeatureId Reflection -Identity group@contoso.com
# Example 3
Get-VivaModuleFeatureEnablement -ModuleId VivaInsights -FeatureId Reflection -Identity user@contoso.com -Detailed
