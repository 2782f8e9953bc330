# Example 1
Get-HVEAccountBillingPolicy -Identity HVEAccount01@tailspintoys.com
