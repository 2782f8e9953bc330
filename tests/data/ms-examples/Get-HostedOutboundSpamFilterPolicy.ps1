# Example 1
Get-HostedOutboundSpamFilterPolicy | Format-Table Name,Enabled,IsDefault,Action*
# Example 2
Get-HostedOutboundSpamFilterPolicy -Identity "Contoso Executives"
