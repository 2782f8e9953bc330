# Example 1
$filterusers = Get-ComplianceSecurityFilter -FilterName "Ottawa Users Filter"

$filterusers.users.add("pilarp@contoso.com")

Set-ComplianceSecurityFilter -FilterName "Ottawa Users Filter" -Users $filterusers.users
# Example 2
$filterusers = Get-ComplianceSecurityFilter -FilterName "Ottawa Users Filter"

$filterusers.users.remove("annb@contoso.com")

Set-ComplianceSecurityFilter -FilterName "Ottawa Users Filter" -Users $filterusers.users
