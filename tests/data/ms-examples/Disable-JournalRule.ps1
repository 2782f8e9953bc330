# Example 1
Disable-JournalRule "Brokerage Communications"
# Example 2
Get-JournalRule | Disable-JournalRule
