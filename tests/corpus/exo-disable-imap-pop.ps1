Get-CASMailboxPlan -Filter { ImapEnabled -eq "true" -or PopEnabled -eq "true" } | Set-CASMailboxPlan -ImapEnabled $false -PopEnabled $false
Get-CASMailbox -Filter { ImapEnabled -eq "true" -or PopEnabled -eq "true" } | Select-Object @{n = "Identity"; e = { $_.PrimarySmtpAddress } } | Set-CASMailbox -ImapEnabled $false -PopEnabled $false
