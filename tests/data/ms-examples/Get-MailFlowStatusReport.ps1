# Example 1
Get-MailFlowStatusReport -StartDate 06-01-2020 -EndDate 06-10-2020 -Direction Inbound,Outbound -EventType GoodMail,EdgeBlockSpam
