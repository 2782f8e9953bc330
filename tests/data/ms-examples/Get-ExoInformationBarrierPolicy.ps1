# Example 1
Get-ExoInformationBarrierPolicy -ShowFriendlyValues| Format-List Name,FriendlyRecipientFilter,InformationBarrierSegmentName
# Example 2
Get-ExoInformationBarrierPolicy -Identity bf542929-a8c4-4167-88fb-3e5ef68a1dca -ShowFriendlyValues
