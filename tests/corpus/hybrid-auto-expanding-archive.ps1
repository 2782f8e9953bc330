Enable-Mailbox -Identity "<kim@contoso.com>" -AutoExpandingArchive
