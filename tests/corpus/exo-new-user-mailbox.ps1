New-Mailbox -Alias "ana.lima" `
            -Name "Ana Lima" `
            -FirstName "Ana" `
            -LastName "Lima" `
            -DisplayName "Ana Lima" `
            -MicrosoftOnlineServicesID "ana.lima@contoso.com" `
            -Password (ConvertTo-SecureString -String 'Start#2026' -AsPlainText -Force) `
            -ResetPasswordOnNextLogon $true
