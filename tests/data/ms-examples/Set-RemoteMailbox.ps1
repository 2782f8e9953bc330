# Example 1
Set-RemoteMailbox -Identity davids -Type Room
# Example 2
Set-RemoteMailbox -Identity kima -AcceptMessagesOnlyFrom davids,"Executive Team",bill@contoso.com
