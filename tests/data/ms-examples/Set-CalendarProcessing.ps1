# Example 1
Set-CalendarProcessing -Identity "Conf 212" -AutomateProcessing AutoAccept -DeleteComments $true -AddOrganizerToSubject $true -AllowConflicts $false
# Example 2
Set-CalendarProcessing -Identity "Car 53" -AutomateProcessing None
# Example 3
Set-CalendarProcessing -Identity "5th Floor Conference Room" -AutomateProcessing AutoAccept -AllBookInPolicy $true
# Example 4
Set-CalendarProcessing -Identity "5th Floor Conference Room" -AutomateProcessing AutoAccept -AllRequestInPolicy $true -AllBookInPolicy $false -ResourceDelegates "chris@contoso.com","michelle@contoso.com"
# Example 5
Set-CalendarProcessing -Identity "Room 221" -AutomateProcessing AutoAccept -RequestOutOfPolicy DavidPelton@contoso.com -ResourceDelegates "chris@contoso.com","michelle@contoso.com"
# Example 6
Set-CalendarProcessing -Identity "Car 53" -AutomateProcessing AutoAccept -BookInPolicy "ayla@contoso.com","tony@contoso.com" -AllBookInPolicy $false
# Example 7
$CurrentBIP = (Get-CalendarProcessing -Identity "Conference Room 1").BookInPolicy

$AddToBIP = "shiraz@contoso.com","chris@contoso.com"

$UpdatedBIP = $CurrentBIP + $AddToBIP

Set-CalendarProcessing -Identity "Conference Room 1" -BookInPolicy $UpdatedBIP
# Example 8
$group = New-DistributionGroup "Room 221 Booking Allowed"

Update-DistributionGroupMember -Identity $group.Identity -Members karina@contoso.com,tony@contoso.com -BypassSecurityGroupManagerCheck:$true

Set-CalendarProcessing -Identity "Room 221" -AutomateProcessing AutoAccept -BookInPolicy $group.Identity -AllBookInPolicy $false
# Example 9
Set-CalendarProcessing -Identity "Room 221" -ProcessExternalMeetingMessages $false
