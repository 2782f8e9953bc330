# Example 1
Get-MailDetailATPReport -StartDate 7/22/2018 -EndDate 7/31/2018
