# Example 1
Get-ExoSecOpsOverrideRule| Set-ExoSecOpsOverrideRule -Comment "Contact IT Management before modifying or removing this rule."
# Example 2
Set-ExoSecOpsOverrideRule -Identity "_Exe:SecOpsOverrid:312c23cf-0377-4162-b93d-6548a9977efb" -Comment "Contact IT Management before modifying or removing this rule."
