# Example 1
Get-FilePlanPropertyStructure -IncludeAdditionalInfo
