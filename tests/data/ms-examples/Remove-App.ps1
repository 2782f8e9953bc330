# Example 1
Remove-App -Identity <GUID for FinanceTestApp> -Mailbox Tony
