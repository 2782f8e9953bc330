# Example 1
Set-UMCallRouterSettings -DialPlans MySIPDialPlan -IPAddressFamily Any -Server MyUMCallRouter.northwindtraders.com -UMStartupMode TLS
# Example 2
Set-UMCallRouterSettings -DialPlans $null -Server UMCallRouter001.contoso.com
