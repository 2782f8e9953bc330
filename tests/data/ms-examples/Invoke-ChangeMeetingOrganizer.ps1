# Example 1
Invoke-ChangeMeetingOrganizer -Identity chris@contoso.com -Subject "Weekly Status Sync" -NewOrganizer adele@contoso.com
# Example 2
Invoke-ChangeMeetingOrganizer -Identity chris@contoso.com -EventId AAMkAGRlMGI0 -NewOrganizer adele@contoso.com
