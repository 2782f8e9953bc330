# Example 1
Set-AutoSensitivityLabelRule -Identity "SocialSecurityRule1" -Comment "Example"
