# Example 1
Get-FederationInformation -DomainName Contoso.com | New-OrganizationRelationship -Name "Contoso" -FreeBusyAccessEnabled $true -FreeBusyAccessLevel LimitedDetails
# Example 2
New-OrganizationRelationship -Name "Fabrikam" -DomainNames "fabrikam.com" -FreeBusyAccessEnabled $true -FreeBusyAccessLevel AvailabilityOnly -TargetAutodiscoverEpr "https://autodiscover.outlook.com/autodiscover/autodiscover.svc/WSSecurity" -TargetSharingEPR "https://outlook.office365.com/EWS/Exchange.asmx" -TargetApplicationUri "outlook.com"
