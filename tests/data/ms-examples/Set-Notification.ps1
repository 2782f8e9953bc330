# Example 1
Set-Notification -NotificationEmails john@contoso.com,kweku@contoso.com -ProcessType CertExpiry
# Example 2
Set-Notification -Identity 0259ec74-3539-4195-ab4f-de93e654ceaf -NotificationEmails laura@contoso.com,julia@contoso.com
