# Example 1
Get-ADServerSettings | Format-List
