# Example 1
Get-MailTrafficATPReport
# Example 2
Get-MailTrafficATPReport -StartDate (Get-Date "12/25/2021 12:01 AM").ToUniversalTime() -EndDate (Get-Date "12/25/2021 11:59 PM").ToUniversalTime() -Direction Outbound
