# Example 1
Write-AdminAuditLog -Comment "Ran custom script."
