# Example 1
Set-HVEAccountSettings -Identity HVEAccount01@tailspintoys.com -ReplyTo marketing@tailspintoys.com
