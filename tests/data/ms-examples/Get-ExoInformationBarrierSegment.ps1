# Example 1
Get-ExoInformationBarrierSegment -ShowFriendlyValues| Format-List DisplayName,Name,FriendlyRecipientFilter,AssociatedPolicy
# Example 2
Get-ExoInformationBarrierSegment -Identity "Investment Banking" -ShowFriendlyValues
