# Example 1
Execute-AzureADLabelSync
