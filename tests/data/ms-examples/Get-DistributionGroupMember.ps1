# Example 1
Get-DistributionGroupMember -Identity "Marketing USA"
# Example 2
Set-ADServerSettings -ViewEntireForest $true

Get-DistributionGroupMember -Identity "Marketing Worldwide"
# Example 3
$Groups = Get-UnifiedGroup -ResultSize Unlimited

$Groups | ForEach-Object {
$group = $_
Get-UnifiedGroupLinks -Identity $group.Name -LinkType Members -ResultSize Unlimited | ForEach-Object {
      New-Object -TypeName PSObject -Property @{
       Group = $group.DisplayName
       Member = $_.Name
       EmailAddress = $_.PrimarySMTPAddress
       RecipientType= $_.RecipientType
}}} | Export-CSV "$env:USERPROFILE\Desktop\Office365GroupMembers.csv" -NoTypeInformation -Encoding UTF8
