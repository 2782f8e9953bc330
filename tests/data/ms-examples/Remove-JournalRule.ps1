# Example 1
Remove-JournalRule "Brokerage Communications"
