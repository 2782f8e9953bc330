# Example 1
New-GlobalAddressList -Name "NewGAL"
# Example 2
New-GlobalAddressList -Name GAL_AgencyB -RecipientFilter "(RecipientTypeDetails -eq 'UserMailbox') -and (CustomAttribute15 -eq 'AgencyB')"
