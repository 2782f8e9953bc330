# Example 1
Set-UMService -Identity MyUMServer -IPAddressFamily Any -UMStartupMode Dual
# Example 2
Set-UMService -Identity MyUMServer -DialPlans $null
# Example 3
Set-UMService -Identity MyUMServer -DialPlans MySIPDialPlan -MaxCallsAllowed 50 -SipAccessService northamerica.lyncpoolna.contoso.com:5061 -UMStartupMode TLS
