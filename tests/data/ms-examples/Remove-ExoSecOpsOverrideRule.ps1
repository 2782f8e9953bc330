# Example 1
Get-ExoSecOpsOverrideRule| Remove-ExoSecOpsOverrideRule
# Example 2
Remove-ExoSecOpsOverrideRule -Identity "_Exe:SecOpsOverrid:312c23cf-0377-4162-b93d-6548a9977efb"
