# One file of a module whose helpers each live in a file of their own (Test-AcceptedDomain.ps1 beside it).
function Start-GroupMigration {
    param([string]$Group)
    $group = Get-DistributionGroup -Identity $Group
    foreach ($address in $group.EmailAddresses) {
        Test-AcceptedDomain -Address $address
    }
    Get-DistributionGroupMember -Identity $Group -ResultSize Unlimited
}
