# Example 1
Set-UMMailboxPIN -Identity tonysmith@contoso.com
# Example 2
Set-UMMailboxPIN -Identity tonysmith@contoso.com -PIN 1985848 -PinExpired $true
# Example 3
Set-UMMailboxPIN -Identity tonysmith@contoso.com -LockedOut $true
# Example 4
Set-UMMailboxPIN -Identity tonysmith@contoso.com -LockedOut $false
