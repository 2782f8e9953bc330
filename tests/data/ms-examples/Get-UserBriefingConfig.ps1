# Example 1
Get-UserBriefingConfig -Identity lila@contoso.com
