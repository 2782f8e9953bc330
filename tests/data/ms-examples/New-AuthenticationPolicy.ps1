# Example 1
New-AuthenticationPolicy -Name "Engineering Group" -AllowBasicAuthImap
# Example 2
New-AuthenticationPolicy -Name "Research and Development Group" -BlockLegacyAuthActiveSync -BlockLegacyAuthAutodiscover -BlockLegacyAuthImap -BlockLegacyAuthMapi -BlockLegacyAuthOfflineAddressBook -BlockLegacyAuthPop -BlockLegacyAuthRpc -BlockLegacyAuthWebServices
