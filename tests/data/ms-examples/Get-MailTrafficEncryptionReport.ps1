# Example 1
Get-MailTrafficEncryptionReport -Direction Inbound -StartDate 12/13/2021 -EndDate 12/15/2021
