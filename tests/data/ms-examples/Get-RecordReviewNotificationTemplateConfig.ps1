# Example 1
Get-RecordReviewNotificationTemplateConfig
