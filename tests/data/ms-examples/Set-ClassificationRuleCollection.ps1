# Example 1
Set-ClassificationRuleCollection -FileData ([System.IO.File]::ReadAllBytes('C:\My Documents\External Classification Rule Collection.xml'))
