# Create a room on-premises (synchronised to the cloud later) and set its booking options.
$server = Read-Host -Prompt "Exchange server"
$session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri "http://$server/PowerShell/" -Authentication Kerberos
Import-PSSession $session -DisableNameChecking -AllowClobber

$room = Read-Host -Prompt "Room name"
New-Mailbox -Name $room -Room -OrganizationalUnit "contoso.com/Rooms"
Set-CalendarProcessing -Identity $room -AutomateProcessing AutoAccept -RemoveCanceledMeetings:$true -DeleteSubject:$false -AddOrganizerToSubject:$true
Remove-PSSession $session
