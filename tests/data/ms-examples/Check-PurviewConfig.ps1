# Example 1
Check-PurviewConfig
# Example 2
Check-PurviewConfig -Component Encryption
# Example 3
Check-PurviewConfig -Component Encryption -Theme LicenseAvailability
# Example 4
Check-PurviewConfig -TestCases "MipLabels_EnabledEntities_ScopedLabels" -UserPrincipalName sathya@contoso.onmicrosoft.com
# Example 5
Check-PurviewConfig -TestCases "MipLabels_EnabledEntities_ScopedLabels","MipLabels_EnabledEntities_CompareSyncStatus" -UserPrincipalName sathya@contoso.onmicrosoft.com
