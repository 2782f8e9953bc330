# Example 1
Set-ATPBuiltInProtectionRule -Identity "ATP Built-In Protection Rule" -ExceptIfSentToMemberOf "Test Group1","Test Group2"
# Example 2
Set-ATPBuiltInProtectionRule -Identity "ATP Built-In Protection Rule" -ExceptIfRecipientDomainIs (Get-AcceptedDomain).Name
# Example 3
Set-ATPBuiltInProtectionRule -Identity "ATP Built-In Protection Rule" -ExceptIfRecipientDomainIs $null -ExceptIfSentTo $null -ExceptIfSentToMemberOf $null
