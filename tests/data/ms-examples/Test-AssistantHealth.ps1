# Example 1
Test-AssistantHealth -ServerName MBXSVR01 -IncludeCrashDump -ResolveProblems | Format-List
# Example 2
Test-AssistantHealth -MaxProcessingTimeInMinutes 30 | Format-List
