# Example 1
Get-UMMailbox
# Example 2
Get-UMMailbox -Identity tonysmith@contoso.com | Format-List
