# Example 1
c:\users\vikram Get-MyAnalyticsFeatureConfig -Identity vikram@contoso.com

UserId : vikram@contoso.com
PrivacyMode : opt-in
IsDashboardEnabled : true
IsAddInEnabled : true
IsDigestEmailEnabled : false
