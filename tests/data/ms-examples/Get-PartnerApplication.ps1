# Example 1
Get-PartnerApplication | Format-List *
