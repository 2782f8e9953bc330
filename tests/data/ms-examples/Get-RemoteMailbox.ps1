# Example 1
Get-RemoteMailbox
# Example 2
Get-RemoteMailbox -Identity laura@contoso.com | Format-List
# Example 3
$Credentials = Get-Credential

Get-RemoteMailbox -Credential $Credentials
