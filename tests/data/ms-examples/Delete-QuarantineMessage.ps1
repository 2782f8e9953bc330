# Example 1
Delete-QuarantineMessage -Identity c14401cf-aa9a-465b-cfd5-08d0f0ca37c5\4c2ca98e-94ea-db3a-7eb8-3b63657d4db7
# Example 2
$ids = Get-QuarantineMessage | select -ExpandProperty Identity

Delete-QuarantineMessage -Identity $ids[4]
# Example 3
$ids = Get-QuarantineMessage | select -ExpandProperty Identity

Delete-QuarantineMessage -Identities $ids -Identity 000
