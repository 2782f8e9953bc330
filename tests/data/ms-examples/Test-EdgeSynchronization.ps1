# Example 1
Test-EdgeSynchronization -MaxReportSize 500 -MonitoringContext $true
# Example 2
Test-EdgeSynchronization -VerifyRecipient kate@contoso.com
