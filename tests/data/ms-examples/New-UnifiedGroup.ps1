# Example 1
New-UnifiedGroup -DisplayName "Engineering Department" -Alias "engineering"
