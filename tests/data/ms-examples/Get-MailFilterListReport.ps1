# Example 1
Get-MailFilterListReport -SelectionTarget TransportRule
