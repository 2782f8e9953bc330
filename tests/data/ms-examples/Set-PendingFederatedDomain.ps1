# Example 1
Set-PendingFederatedDomain -PendingDomains contoso.com,sales.contoso.com
