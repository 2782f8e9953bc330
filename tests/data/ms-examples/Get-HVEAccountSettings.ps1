# Example 1
Get-HVEAccountSettings -Identity HVEAccount01@tailspintoys.com
