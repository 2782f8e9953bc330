# Example 1
Remove-PartnerApplication HRApp
