# Example 1
Set-MessageClassification -Identity "My Message Classification" -DisplayPrecedence Low -RetainClassificationEnabled $false
