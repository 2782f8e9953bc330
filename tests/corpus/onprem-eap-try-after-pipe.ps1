Import-Csv c:\scripts\eap.csv |
    ForEach-Object {
    Get-Mailbox -Identity $_.SamAccountName |
        try {
        Set-Mailbox -EmailAddressPolicyEnabled:$True -ErrorAction Stop -Verbose
        Write-Output "EAP enabled: $_.SamAccountName"
    }
    catch {
        Write-Output "Failed: $_.SamAccountName"
    }
}
