# Example 1
New-UMDialPlan -Name MyUMDialPlan -NumberOfDigitsInExtension 4
# Example 2
New-UMDialPlan -Name MyUMDialPlan -URIType SipName -NumberOfDigitsInExtension 5
# Example 3
New-UMDialPlan -Name MyUMDialPlan -URIType E164 -NumberOfDigitsInExtension 5 -VoIPSecurity Unsecured
