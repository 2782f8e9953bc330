# Example 1
Set-AtpPolicyForO365 -EnableATPForSPOTeamsODB $true
