# Example 1
Get-QuarantineMessage -MessageID "<5c695d7e-6642-4681-a4b0-9e7a86613cb7@contoso.com>" | Release-QuarantineMessage -User julia@contoso.com
# Example 2
Release-QuarantineMessage -Identity c14401cf-aa9a-465b-cfd5-08d0f0ca37c5\4c2ca98e-94ea-db3a-7eb8-3b63657d4db7 -ReleaseToAll
# Example 3
Get-QuarantineMessage | Release-QuarantineMessage -ReleaseToAll
# Example 4
$q = Get-QuarantineMessage -QuarantineTypes SPOMalware

$q[-1] | Release-QuarantineMessage -ReleaseToAll
