# Example 1
New-AddressList -Name MyAddressList -RecipientFilter "((RecipientTypeDetails -eq 'UserMailbox') -and ((StateOrProvince -eq 'Washington') -or (StateOrProvince -eq 'Oregon')))"
# Example 2
New-AddressList -Name MyAddressList2 -ConditionalStateOrProvince Washington -IncludedRecipients MailboxUsers
# Example 3
New-AddressList -Name "AL_AgencyB" -RecipientFilter "((RecipientTypeDetails -eq 'UserMailbox') -and (CustomAttribute15 -like 'AgencyB*'))"
