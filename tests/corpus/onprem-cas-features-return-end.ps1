# Menu that turns one client access feature on for a mailbox (Exchange Management Shell).
Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
$Mailbox = Read-Host "Mailbox"
if (-not (Get-Mailbox $Mailbox -ErrorAction SilentlyContinue))
    {Write-Host "No such mailbox" -ForegroundColor Yellow
    Return
    End}
Write-Host "1. Outlook Web App   2. ActiveSync   3. POP3"
$Feature = Read-Host "Option"
Switch ($Feature) {
  1{Set-CASMailbox -Identity $Mailbox -OWAEnabled $true
Write-Host "Outlook Web App enabled for $Mailbox"
Return
End
  }
  2{Set-CASMailbox -Identity $Mailbox -ActiveSyncEnabled $true
Return
End
  }
  3{Set-CASMailbox -Identity $Mailbox -PopEnabled $true
Return
End
  }
}
