Import-Csv C:\Temp\hidden.csv | ForEach-Object {
    Set-Mailbox -Identity $_.Address -HiddenFromAddressListsEnabled $false
}
