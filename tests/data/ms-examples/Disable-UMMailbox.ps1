# Example 1
Disable-UMMailbox -Identity tonysmith@contoso.com
