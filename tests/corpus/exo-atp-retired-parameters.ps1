# Tenant baseline: Safe Links and Safe Attachments (Exchange Online Protection).
Connect-ExchangeOnline
Set-AtpPolicyForO365 -AllowClickThrough $false -EnableSafeLinksForClients $true -EnableATPForSPOTeamsODB $true -TrackClicks $true
New-SafeLinksPolicy -Name "Baseline links" -DoNotAllowClickThrough $true -DoNotTrackUserClicks $false -ScanUrls $true
New-SafeLinksRule -Name "Baseline links" -SafeLinksPolicy "Baseline links" -RecipientDomainIs contoso.com
New-SafeAttachmentPolicy -Name "Baseline attachments" -Enable $true -Action DynamicDelivery -ActionOnError $true
