# Example 1
New-AppRetentionComplianceRule -Name RetUnlimited -Policy "Regulation 567 Compliance" -RetentionDuration Unlimited
