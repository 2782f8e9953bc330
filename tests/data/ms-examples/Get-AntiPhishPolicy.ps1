# Example 1
Get-AntiPhishPolicy | Format-Table Name,Enabled,IsDefault
# Example 2
Get-AntiPhishPolicy -Identity "Office365 AntiPhish Default"
