# Example 1
Test-OwaConnectivity -URL:https://mail.contoso.com/owa -MailboxCredential:(get-credential contoso\kweku)
# Example 2
Test-OwaConnectivity -ClientAccessServer:Contoso12 -AllowUnsecureAccess
