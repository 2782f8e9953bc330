# Example 1
Enable-JournalRule "Brokerage Communications"
