# Example 1
Get-QuarantineMessage -StartReceivedDate 06/13/2017 -EndReceivedDate 06/15/2017
# Example 2
Get-QuarantineMessage -PageSize 50 -Page 3
# Example 3
Get-QuarantineMessage -MessageID "<5c695d7e-6642-4681-a4b0-9e7a86613cb7@contoso.com>"
# Example 4
Get-QuarantineMessage -Identity c14401cf-aa9a-465b-cfd5-08d0f0ca37c5\4c2ca98e-94ea-db3a-7eb8-3b63657d4db7 | Format-List
# Example 5
Get-QuarantineMessage -QuarantineTypes SPOMalware | Format-List
