# Example 1
Get-QuarantinePolicy | Format-Table Name
# Example 2
Get-QuarantinePolicy -Identity NoAccess
# Example 3
Get-QuarantinePolicy -QuarantinePolicyType GlobalQuarantinePolicy
