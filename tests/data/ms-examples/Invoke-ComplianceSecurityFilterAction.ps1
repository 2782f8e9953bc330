# Example 1
PS C:\> Invoke-ComplianceSecurityFilterAction -Action GetStatus -PropertyName CustomAttribute1 -SiteUrl https://contoso-my.sharepoint.com/personal/lila_contoso_onmicrosoft_com/_layouts/15/onedrive.aspx

SiteUrlOrEmailAddress : https://contoso-my.sharepoint.com/personal/lila_contoso_onmicrosoft_com/_layouts/15/onedrive.aspx
BoundaryType          : UserMailbox
BoundaryInstruction   : Set via Set-Mailbox
BoundaryObjectId      : SPO_f82ace6e-817e-4752-8917-67164dabde98@SPO_775ea11f-a2af-7821-b04c-9848e903ce47
BoundaryStatus        : Success
BoundaryProperty      : CustomAttribute1
BoundaryPropertyValue :
# Example 2
PS C:\> Invoke-ComplianceSecurityFi1terAction -Action GetStatus -PropertyName "CustomAttribute3" -EmailAddress "nina@contoso.onmicrosoft.com"

SiteUrlOrEmailAddress : nina@contoso.onmicrosoft.com
BoundaryType          : UserMailbox
BoundaryInstruction   : Set via Set-Mailbox
BoundaryObjectId      : nina@contoso.onmicrosoft.com
BoundaryStatus        : Success
BoundaryProperty      : CustomAttribute3
BoundaryPropertyVa1ue :
# Example 3
PS C:\> Invoke-ComplianceSecurityFi1terAction -Action GetStatus -PropertyName "CustomAttribute3" -EmailAddress "zhexuan@contoso.onmicrosoft.com"

SiteUrlOrEmailAddress : zhexuan@contoso.onmicrosoft.com
BoundaryType          : InactiveMailbox
BoundaryInstruction   : Set via Invoke-ComplianceSecurityFiIterAction -Set
BoundaryObjectId      : zhexuan@contoso.onmicrosoft.com
BoundaryStatus        : Success
BoundaryProperty      : CustomAttribute3
BoundaryPropertyVa1ue : test33
# Example 4
Invoke-ComplianceSecurityFilterAction -Action Set -PropertyName CustomAttribute1 -PropertyValue "Research and Development" -SiteUrl https://contoso-my.sharepoint.com/personal/lila_contoso_onmicrosoft_com/_layouts/15/onedrive.aspx
# Example 5
PS C:\> Invoke-ComplianceSecurityFiIterAction -Action Set -PropertyName "CustomAttribute3" -PropertyValue "ProjectX" -EmailAddress "zhexuan@contoso.onmicrosoft.com"

Set action succeeded, please use GetStatus to check the result.

PS C:\> Invoke-ComplianceSecurityFiIterAction -Action GetStatus -PropertyName "CustomAttribute3" -EmailAddress "zhexuan@contoso.onmicrosoft.com"

SiteUrlOrEmailAddress : zhexuan@contoso.onmicrosoft.com
BoundaryType          : InactiveMailbox
BoundaryInstruction   : Set via Invoke-ComplianceSecurityFiIterAction -Set
BoundaryObjectId      : zhexuan@contoso.onmicrosoft.com
BoundaryStatus        : Success
BoundaryProperty      : CustomAttribute3
BoundaryPropertyVa1ue : ProjectX
