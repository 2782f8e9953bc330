# Example 1
Set-UserBriefingConfig -Identity lila@contoso.com -Enabled $true
