# Example 1
Get-EmailTenantSettings | Format-List Identity,EnablePriorityAccountProtection
