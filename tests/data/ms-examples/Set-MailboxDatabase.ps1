# Example 1
Set-MailboxDatabase "Mailbox Database01" -DeletedItemRetention 7.00:00:00
# Example 2
Set-MailboxDatabase <Mailbox Database Name> -RpcClientAccessServer <ClientAccessServer or ClientAccessServerArrayID>
