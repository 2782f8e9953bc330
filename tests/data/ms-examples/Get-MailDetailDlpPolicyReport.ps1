# Example 1
Get-MailDetailDlpPolicyReport -StartDate 06/13/2015 -EndDate 06/15/2015 -SenderAddress john@contoso.com
