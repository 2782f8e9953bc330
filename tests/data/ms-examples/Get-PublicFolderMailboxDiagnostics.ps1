# Example 1
Get-PublicFolderMailboxDiagnostics -Identity "Customer Escalations"
# Example 2
Get-PublicFolderMailboxDiagnostics -Identity "Sales Forecasts" | Export-CSV C:\Diagnostics\SalesForecasts.csv
