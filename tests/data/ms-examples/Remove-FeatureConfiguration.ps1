# Example 1
Remove-FeatureConfiguration -Identity "Engineering Group"
