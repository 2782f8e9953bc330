# Example 1
Get-SenderIdConfig | Format-List
