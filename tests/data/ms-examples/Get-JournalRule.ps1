# Example 1
Get-JournalRule
# Example 2
Get-JournalRule "Brokerage Communications" | Format-List
