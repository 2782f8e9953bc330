# Example 1
$file = Export-JournalRuleCollection

[System.IO.File]::WriteAllBytes('C:\MyDocs\JournalRules.xml', $file.FileData)
# Example 2
$file = Export-JournalRuleCollection -ExportLegacyRules

[System.IO.File]::WriteAllBytes('C:\MyDocs\LegacyJournalRules.xml', $file.FileData)
