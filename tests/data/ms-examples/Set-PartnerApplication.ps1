# Example 1
Set-PartnerApplication HRApp -RefreshAuthMetadata
