# Example 1
Enable-ServiceEmailChannel -Identity "fourthcoffee\tony"
# Example 2
Enable-ServiceEmailChannel -Identity "tony@contoso.com"
# Example 3
Enable-ServiceEmailChannel -Identity "TonySmith"
