# Example 1
Set-RetentionCompliancePolicy -Identity "Regulation 123 Compliance" -AddExchangeLocation "Kitty Petersen" -AddSharePointLocation "https://contoso.sharepoint.com/sites/teams/finance" -RemovePublicFolderLocation All -Comment "Added new counsel, 9/9/14"
# Example 2
$stringJson = @"
[{
     'EmailAddress': 'USSales@contoso.onmicrosoft.com',
     'SiteId': '9b2a8116-b9ec-4e2c-bf31-7eaa83697c4b'
}]
"@

Set-RetentionCompliancePolicy -Identity "Sales Policy" -RemoveModernGroupLocation "USSales@contoso.onmicrosoft.com" -DeletedResources $stringJson
# Example 3
$stringJson = @"
[{
     'EmailAddress': 'USSales@contoso.onmicrosoft.com',
     'SiteId': '8b2a8345-b9ec-3b6a-bf31-6eaa83697c4b'
}]
"@

Set-RetentionCompliancePolicy -Identity "Tenant Level Policy" -AddModernGroupLocationException "USSales@contoso.onmicrosoft.com" -DeletedResources $stringJson
# Example 4
$stringJson = @"
[{
     'EmailAddress': 'USSales2@contoso.onmicrosoft.com',
     'SiteId': '9b2a8116-b9ec-4e2c-bf31-7eaa83697c4b'
 },
{
     'EmailAddress': 'USSales2@contoso.onmicrosoft.com',
     'SiteId': '4afb7116-b9ec-4b2c-bf31-4abb83697c4b'
}]
"@

Set-RetentionCompliancePolicy -Identity "Sales Policy" -RemoveModernGroupLocation "USSales2@contoso.onmicrosoft.com" -DeletedResources $stringJson
# Example 5
$stringJson = @"
[{
     'EmailAddress': 'SalesUser@contoso.onmicrosoft.com'
}]
"@

Set-RetentionCompliancePolicy -Identity "Teams Chat Retention Policy" -AddTeamsChatLocationException "SalesUser@contoso.onmicrosoft.com" -DeletedResources $stringJson
# Example 6
$stringJson = @"
[{
     'EmailAddress': 'SalesUser1@contoso.onmicrosoft.com'
},
{
     'EmailAddress': 'SalesUser2@contoso.onmicrosoft.com'
}]
"@

Set-RetentionCompliancePolicy -Identity "Teams Chat Retention Policy" -AddTeamsChatLocationException "SalesUser1@contoso.onmicrosoft.com", "SalesUser2@contoso.onmicrosoft.com" -DeletedResources $stringJson
