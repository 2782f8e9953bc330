# Example 1
Suspend-Message -Server Server1 -Filter "FromAddress -eq 'kweku@contoso.com'"
