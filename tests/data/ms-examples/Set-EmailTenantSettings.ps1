# Example 1
Set-EmailTenantSettings -EnablePriorityAccountProtection $true
