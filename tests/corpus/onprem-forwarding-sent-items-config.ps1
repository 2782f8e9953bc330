$ErrorActionPreference = "SilentlyContinue"
$users = Import-Csv ".\wave3.csv"
$out = @()
foreach ($user in $users) {
    $upn = $user.UserPrincipalName
    $mbx = Get-Mailbox $upn
    $fwd = (Get-Mailbox $mbx.ForwardingAddress).PrimarySmtpAddress.ToString()
    $sentItems = Get-MailboxSentItemsConfiguration $upn
    $out += New-Object PSObject -Property @{
        Mailbox = $upn
        ForwardTo = $fwd
        SendAsItemsCopiedTo = $sentItems.SendAsItemsCopiedTo
    }
}
$out | Export-Csv .\forwarding.csv -NoTypeInformation
