# Example 1
Get-VivaModuleFeature -ModuleId VivaInsights
# Example 2
Get-VivaModuleFeature -ModuleId VivaInsights -FeatureId Reflection
