# Example 1
Import-JournalRuleCollection -FileData ([System.IO.File]::ReadAllBytes('C:\JournalRules\ExportedJournalRules.xml'))
