# Example 1
Get-SpoofIntelligenceInsight
# Example 2
$file = "C:\My Documents\Spoof Insights.csv"

Get-SpoofIntelligenceInsight | Export-Csv $file
