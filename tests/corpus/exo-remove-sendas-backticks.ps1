Remove-RecipientPermission `
  -Identity kim@contoso.com `
  -Trustee assistant@contoso.com `
  -AccessRights SendAs
