# Example 1
Get-ConfigAnalyzerPolicyRecommendation -RecommendedPolicyType Strict
