# Example 1
Export-ContentExplorerData -TagType SensitiveInformationType -TagName "Credit Card Number" -Workload EXO -UserPrincipalName erika@contoso.onmicrosoft.com
# Example 2
Export-ContentExplorerData -TagType SensitiveInformationType -TagName "Credit Card Number" -Workload ODB -SiteUrl https://contoso-my.sharepoint.com/personal/erika_contoso_onmicrosoft_com
# Example 3
Export-ContentExplorerData -TagType SensitiveInformationType -TagName "All Full Names"
# Example 4
$Report = @()
 
$Content = Export-ContentExplorerData -TagType SensitiveInformationType -TagName "All Full Names" -ConfidenceLevel high -Workload sharepoint -PageSize 1000
[string]$PageCookie = $Content.PageCookie
$Report += $Content[1..$Content[0].RecordsReturned]
while($PageCookie -notlike " * ")
{
      $NewContent = Export-ContentExplorerData -TagType SensitiveInformationType -TagName "All Full Names" -ConfidenceLevel high -Workload sharepoint -PageCookie $PageCookie -PageSize 1000
      [string]$PageCookie = $NewContent.PageCookie
      $Report += $NewContent[1..$NewContent[0].RecordsReturned]  
}
$Report | Export-CSV C:\temp\CE_Report-AFN_high.csv -Encoding UTF8 -NoTypeInformation
