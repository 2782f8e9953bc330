# Example 1
Get-FeatureConfiguration -FeatureScenario KnowYourData | Format-Table Name,Mode
# Example 2
Get-FeatureConfiguration -FeatureScenario KnowYourData -Identity "Engineering Group"
