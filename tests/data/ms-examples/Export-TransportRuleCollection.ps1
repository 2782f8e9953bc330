# Example 1
$file = Export-TransportRuleCollection

[System.IO.File]::WriteAllBytes('C:\My Docs\Rules.xml', $file.FileData)
# Example 2
$file = Export-TransportRuleCollection -ExportLegacyRules

[System.IO.File]::WriteAllBytes('C:\My Docs\LegacyRules.xml', $file.FileData)
