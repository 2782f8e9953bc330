# Example 1
Get-QuarantineMessageHeader 65ab8c7d-dcd3-4067-7c60-08d116c001c3\8b677327-0ef3-166b-e108-ff6cb380d191
# Example 2
$qMessages = Get-QuarantineMessage

Get-QuarantineMessageHeader $qMessages[0].Identity
