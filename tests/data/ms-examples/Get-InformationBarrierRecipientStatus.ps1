# Example 1
Get-InformationBarrierRecipientStatus -Identity meganb
# Example 2
Get-InformationBarrierRecipientStatus -Identity meganb -Identity2 alexw
