# Example 1
New-SecOpsOverridePolicy -Name SecOpsOverridePolicy -SentTo secops@contoso.com
