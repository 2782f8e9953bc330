# Example 1
Set-HVEAccountBillingPolicy -Identity " HVEAccount01@tailspintoys.com" -BillingPolicyId "11111111-1111-1111-1111-111111111111"
# Example 2
Set-HVEAccountBillingPolicy -Identity " HVEAccount01@tailspintoys.com" -BillingPolicyId ""
