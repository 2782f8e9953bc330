# Example 1
Set-ServerComponentState -Identity MailboxServer01 -Component UMCallRouter -Requester Maintenance -State Active
# Example 2
Set-ServerComponentState -Identity Exch5 -Component ServerWideOffline -State Inactive -Requester Maintenance

Set-ServerComponentState -Identity Exch5 -Component ServerWideOffline -State Active -Requester Maintenance
