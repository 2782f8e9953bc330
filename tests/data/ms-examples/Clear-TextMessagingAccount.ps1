# Example 1
Clear-TextMessagingAccount -Identity tony@contoso.com
