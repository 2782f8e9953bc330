# Example 1
Get-UMMailboxPin
# Example 2
Get-UMMailboxPin -Identity tonysmith@contoso.com
