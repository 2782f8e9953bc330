Set-Mailbox kim@contoso.com `
  -GrantSendOnBehalfTo assistant@contoso.com
