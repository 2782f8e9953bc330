# Example 1
Get-MailTrafficPolicyReport -Direction Outbound -StartDate 06/13/2015 -EndDate 06/15/2015
# Example 2
Get-MailTrafficPolicyReport -StartDate 12/12/2015 -EndDate 12/12/2015 -Direction Outbound | Format-Table Domain,Date,EventType,Action,MessageCount
# Example 3
Get-MailTrafficPolicyReport -StartDate 12/12/2015 -EndDate 12/12/2015 -Direction Outbound -SummarizeBy Domain,DlpPolicy,TransportRule,EventType | Format-Table Domain,Date,EventType,Action,MessageCount
