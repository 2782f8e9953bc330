# Leaver: hide from the address book, convert to shared, clear forwarding.
Connect-ExchangeOnline
$users = Get-Content .\leavers.txt
foreach ($u in $users) {
    $mailbox = Get-Mailbox -Identity $u
    Set-Mailbox -Identity $u -HiddenFromAddressListsEnabled $true
    if ($mailbox.RecipientTypeDetails -ne "SharedMailbox") {
        Set-Mailbox -Identity $u -Type Shared
    }
    if ($null -ne $mailbox.ForwardingAddress) {
        Set-Mailbox -ForwardingAddress $null -DeliverToMailboxAndForward $false
    }
}
