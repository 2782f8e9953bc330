# Example 1
Remove-HVEAppAccess -Identity HVEAccount01@tailspintoys.com -AppIds "11111111-1111-1111-1111-111111111111"
# Example 2
Remove-HVEAppAccess -Identity HVEAccount01@tailspintoys.com -AppIds "11111111-1111-1111-1111-111111111111","22222222-2222-2222-2222-222222222222"
# Example 3
$Apps = (Get-HVEAccountSettings -Identity HVEAccount01@tailspintoys.com).AllowedApps

Remove-HVEAppAccess -Identity HVEAccount01@tailspintoys.com -AppIds $Apps
